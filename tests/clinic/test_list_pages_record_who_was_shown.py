"""Pages that list patients leave an access entry for each patient (or screening) shown,
in one insert, with the reader as actor: a list view is a read of PHI too."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEntry
from intake.models import Patient, ScreeningSubmission
from tests.conftest import client_for
from tests.factories import PatientFactory, ScreeningFactory
from tests.factories.evaluations import DuplexStudyFactory, EvaluationFactory, SegmentFindingFactory
from tests.factories.portal import BookingRequestFactory
from tests.factories.scheduling import AppointmentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def shown(model: type, reader) -> set[int]:
    """The records of ``model`` that ``reader`` has an access entry for."""
    entries = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, content_type=ContentType.objects.get_for_model(model), actor=reader
    )
    return {int(pk) for pk in entries.values_list("object_pk", flat=True)}


def test_registry_search_results_are_recorded(front_desk) -> None:
    found = PatientFactory(last_name="Quillfeather")
    other = PatientFactory(last_name="Brown")
    response = client_for(front_desk).get(reverse("patient_list"), {"q": "quillf"})
    assert "Quillfeather" in response.content.decode()
    assert shown(Patient, front_desk) == {found.pk}
    assert other.pk not in shown(Patient, front_desk)


def test_the_screening_queue_records_the_screenings_it_lists(front_desk) -> None:
    screenings = ScreeningFactory.create_batch(3)
    client_for(front_desk).get(reverse("screening_queue"))
    assert shown(ScreeningSubmission, front_desk) == {s.pk for s in screenings}


def test_the_screening_queue_records_in_one_insert_whatever_it_lists(front_desk) -> None:
    client = client_for(front_desk)
    ScreeningFactory()
    one = count_queries(lambda: client.get(reverse("screening_queue")))
    ScreeningFactory.create_batch(20)
    assert count_queries(lambda: client.get(reverse("screening_queue"))) == one


def test_portal_requests_record_the_patients_asking(front_desk, office) -> None:
    asking = BookingRequestFactory(office=office)
    client_for(front_desk).get(reverse("portal:requests"))
    assert asking.patient_id in shown(Patient, front_desk)


def test_the_vein_worklist_records_searched_and_listed_patients(sonographer, office) -> None:
    study = DuplexStudyFactory(office=office)
    found = PatientFactory(last_name="Quillfeather")
    client_for(sonographer).get(reverse("evaluations:worklist"), {"q": "Quill"})
    assert shown(Patient, sonographer) == {study.patient_id, found.pk}


def test_the_physician_home_page_records_alerts_and_drafts(physician, office) -> None:
    alert = SegmentFindingFactory(
        study=DuplexStudyFactory(office=office), segment="CFV", compressibility="partial", thrombus="acute"
    )
    draft = EvaluationFactory(physician=physician, office=office)
    response = client_for(physician).get(reverse("home"))
    assert draft.patient.full_name in response.content.decode()
    assert {alert.study.patient_id, draft.patient_id} <= shown(Patient, physician)


@time_machine.travel(datetime.datetime(2026, 6, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles")))
def test_the_front_desk_home_page_records_who_is_coming_today(front_desk, office) -> None:
    appointment = AppointmentFactory(office=office, start=timezone.now() + datetime.timedelta(minutes=30))
    client_for(front_desk).get(reverse("home"))
    assert appointment.patient_id in shown(Patient, front_desk)


def test_the_cancel_confirmation_records_the_appointment_shown(front_desk, office) -> None:
    from scheduling.models import Appointment

    appointment = AppointmentFactory(office=office)
    response = client_for(front_desk).get(reverse("scheduling:appointment_cancel", args=[appointment.pk]))
    assert response.status_code == 200
    assert shown(Appointment, front_desk) == {appointment.pk}
