"""Converting a screening to a patient: every answer carried over, no duplicates."""

import datetime

import pytest
from django.urls import reverse

from intake.models import IntakeRecord, Patient
from intake.models.answers import ANSWER_FIELDS
from intake.services import ScreeningClosed, convert_screening
from tests.factories import PatientFactory, ScreeningFactory

pytestmark = pytest.mark.django_db

DOB = datetime.date(1966, 7, 30)


def a_screening(**answers):
    return ScreeningFactory(
        first_name="Lorna",
        last_name="Fenwick",
        date_of_birth=DOB,
        phone="+19255550130",
        email="lorna@example.test",
        sms_consent=True,
        **answers,
    )


def test_converting_creates_a_patient_with_every_answer_carried_over(front_desk_client, front_desk) -> None:
    submission = a_screening(
        swelling="left",
        redness="left",
        cramps_at_night=True,
        cramps_per_week=4,
        cramp_locations=["calf", "foot"],
        conditions=["thyroid"],
        medications="Lipitor 20 mg",
        compression_use="current",
        compression_class="20-30",
        compression_since=datetime.date(2024, 1, 1),
    )
    response = front_desk_client.post(reverse("screening_convert", args=[submission.pk]), {"target": "new"})
    patient = Patient.objects.get()
    assert response["Location"] == patient.get_absolute_url()
    assert (patient.first_name, patient.last_name, patient.date_of_birth) == ("Lorna", "Fenwick", DOB)
    assert patient.sms_consent and patient.sms_consent_at == submission.submitted_at
    record = IntakeRecord.objects.get(patient=patient)
    assert record.source == IntakeRecord.Source.PATIENT
    assert record.screening == submission
    assert record.entered_by == front_desk
    assert record.answers() == submission.answers()
    assert set(record.answers()) == set(ANSWER_FIELDS)
    submission.refresh_from_db()
    assert submission.status == "converted"
    assert submission.patient == patient


def test_a_sure_match_joins_the_existing_chart_instead_of_a_duplicate(front_desk) -> None:
    existing = PatientFactory(first_name="lorna", last_name="FENWICK", date_of_birth=DOB, phone="+19255550130")
    submission = a_screening()
    assert convert_screening(submission=submission, by=front_desk) == existing
    assert Patient.objects.count() == 1
    assert existing.intake_records.count() == 1


def test_a_sure_match_offers_no_new_chart_in_the_merge_view(front_desk_client) -> None:
    PatientFactory(first_name="Lorna", last_name="Fenwick", date_of_birth=DOB, email="lorna@example.test")
    submission = a_screening()
    response = front_desk_client.get(reverse("screening_convert", args=[submission.pk]))
    values = [value for value, _label in response.context["form"].fields["target"].choices]
    assert "new" not in values
    assert b"same person" in response.content


def test_an_unsure_match_shows_both_side_by_side_and_lets_the_desk_choose(front_desk_client) -> None:
    maiden = PatientFactory(first_name="Lorna", last_name="Ashdown", date_of_birth=DOB, phone="+15035550199")
    submission = a_screening()
    response = front_desk_client.get(reverse("screening_convert", args=[submission.pk]))
    assert b"merge-diff" in response.content
    assert b"Ashdown" in response.content
    response = front_desk_client.post(reverse("screening_convert", args=[submission.pk]), {"target": str(maiden.pk)})
    assert response["Location"] == maiden.get_absolute_url()
    maiden.refresh_from_db()
    # What the clinic had is kept; the screening fills only blanks.
    assert maiden.last_name == "Ashdown"
    assert maiden.phone == "+15035550199"


def test_choosing_a_new_chart_for_an_unsure_match_creates_one(front_desk_client) -> None:
    PatientFactory(first_name="Lorna", last_name="Ashdown", date_of_birth=DOB, phone="+15035550199")
    submission = a_screening()
    front_desk_client.post(reverse("screening_convert", args=[submission.pk]), {"target": "new"})
    assert Patient.objects.filter(last_name="Fenwick").exists()


def test_a_closed_screening_cannot_be_converted_twice(front_desk) -> None:
    submission = a_screening()
    convert_screening(submission=submission, by=front_desk)
    with pytest.raises(ScreeningClosed):
        convert_screening(submission=submission, by=front_desk)
    assert IntakeRecord.objects.count() == 1


def test_a_physician_may_read_the_queue_but_not_register(physician_client) -> None:
    submission = a_screening()
    assert physician_client.get(reverse("screening_detail", args=[submission.pk])).status_code == 200
    assert (
        physician_client.post(reverse("screening_convert", args=[submission.pk]), {"target": "new"}).status_code == 403
    )
