"""A visit's note, its summary and the portal name the office where the visit happened,
not the patient's preferred office."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.roles import Role
from evaluations.models import Evaluation
from scheduling.models import Status
from tests.conftest import client_for
from tests.factories import OfficeFactory, PatientFactory, StaffFactory
from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_the_note_of_a_danville_visit_says_danville_for_an_alameda_patient(office) -> None:
    alameda = OfficeFactory(name="Alameda", slug="alameda")
    physician = StaffFactory(role=Role.PHYSICIAN, home_office=alameda, offices=[alameda, office]).user
    patient = PatientFactory(preferred_office=alameda)
    AppointmentFactory(
        patient=patient,
        office=office,
        start=timezone.now() - datetime.timedelta(minutes=10),
        status=Status.CHECKED_IN,
    )
    client = client_for(physician)
    client.post(reverse("evaluations:evaluation_start", args=[patient.pk]))
    evaluation = Evaluation.objects.get(patient=patient)
    assert evaluation.office == office
    summary = client.get(reverse("evaluations:visit_summary", args=[evaluation.pk])).content.decode()
    assert f"· {office.name} ·" in summary
    assert "Alameda ·" not in summary


def test_without_an_appointment_the_note_takes_the_clinicians_home_office(office) -> None:
    alameda = OfficeFactory(name="Alameda", slug="alameda")
    physician = StaffFactory(role=Role.PHYSICIAN, home_office=office, offices=[alameda, office]).user
    patient = PatientFactory(preferred_office=alameda)
    client_for(physician).post(reverse("evaluations:evaluation_start", args=[patient.pk]))
    assert Evaluation.objects.get(patient=patient).office == office
