"""Reading PHI in the Django admin leaves access entries, as the clinic's own pages do."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from clinic.models import AuditEntry
from intake.models import IntakeRecord, Patient, ScreeningSubmission
from scheduling.models import Appointment
from tests.conftest import client_for
from tests.factories import IntakeRecordFactory, PatientFactory, ScreeningFactory
from tests.factories.scheduling import AppointmentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def accessed(model: type, reader) -> set[str]:
    return set(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.ACCESS, content_type=ContentType.objects.get_for_model(model), actor=reader
        ).values_list("object_pk", flat=True)
    )


def admin_url(model: type, view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_a_patients_admin_page_is_recorded(clinic_admin) -> None:
    patient = PatientFactory()
    assert client_for(clinic_admin).get(admin_url(Patient, "change", patient.pk)).status_code == 200
    assert accessed(Patient, clinic_admin) == {str(patient.pk)}


def test_the_patient_list_in_the_admin_records_each_patient_shown(clinic_admin) -> None:
    patients = PatientFactory.create_batch(3)
    assert client_for(clinic_admin).get(admin_url(Patient, "changelist")).status_code == 200
    assert accessed(Patient, clinic_admin) == {str(p.pk) for p in patients}


def test_the_patient_list_in_the_admin_records_in_one_insert(clinic_admin) -> None:
    client = client_for(clinic_admin)
    PatientFactory()
    one = count_queries(lambda: client.get(admin_url(Patient, "changelist")))
    PatientFactory.create_batch(20)
    assert count_queries(lambda: client.get(admin_url(Patient, "changelist"))) == one


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (ScreeningSubmission, ScreeningFactory),
        (IntakeRecord, IntakeRecordFactory),
        (Appointment, AppointmentFactory),
    ],
    ids=["screening", "intake record", "appointment"],
)
def test_a_record_opened_in_the_admin_is_recorded(clinic_admin, model, make) -> None:
    record = make()
    assert client_for(clinic_admin).get(admin_url(model, "change", record.pk)).status_code == 200
    assert accessed(model, clinic_admin) == {str(record.pk)}


def test_an_unknown_record_in_the_admin_records_nothing(clinic_admin) -> None:
    client_for(clinic_admin).get(admin_url(Patient, "change", 987654))
    assert accessed(Patient, clinic_admin) == set()
