"""The intake questionnaire: dated records that accumulate and are never rewritten."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import IntakeRecord
from intake.models.records import IntakeRecordImmutable
from intake.services import record_intake
from tests.factories import IntakeRecordFactory, PatientFactory
from tests.intake.answers import screening_post

pytestmark = pytest.mark.django_db

CONTACT = {"first_name", "last_name", "date_of_birth", "sex_at_birth", "phone", "email", "preferred_office"}
CONTACT |= {"preferred_language", "consent_to_contact"}


def intake_post(**answers) -> dict:
    return {k: v for k, v in screening_post(**answers).items() if k not in CONTACT}


def test_record_intake_adds_a_record_and_keeps_the_earlier_one(front_desk) -> None:
    patient = PatientFactory()
    first = record_intake(patient=patient, data={"swelling": "both"}, entered_by=front_desk, source="staff")
    second = record_intake(patient=patient, data={"swelling": "left"}, entered_by=None, source="patient")
    first.refresh_from_db()
    assert first.swelling == "both"
    assert second.swelling == "left"
    assert second.source == IntakeRecord.Source.PATIENT
    assert second.entered_by is None
    assert list(IntakeRecord.objects.history(patient)) == [first, second]


def test_a_saved_record_cannot_be_rewritten() -> None:
    record = IntakeRecordFactory(swelling="left")
    record.swelling = "none"
    with pytest.raises(IntakeRecordImmutable):
        record.save()


def test_record_intake_refuses_fields_that_are_not_answers(front_desk) -> None:
    with pytest.raises(ValueError, match="not intake answers"):
        record_intake(patient=PatientFactory(), data={"patient_id": 1}, entered_by=front_desk, source="staff")


def test_staff_record_an_intake_from_the_chart(front_desk_client, front_desk) -> None:
    patient = PatientFactory()
    response = front_desk_client.post(
        reverse("intake_record_create", args=[patient.pk]),
        intake_post(
            cramps="right",
            cramps_at_night="on",
            medications="Lasix 20 mg",
            compression_use="current",
            compression_class="30-40",
            compression_since="2025-01-15",
        ),
    )
    assert response["Location"] == patient.get_absolute_url()
    record = patient.intake_records.get()
    assert record.source == "staff"
    assert record.entered_by == front_desk
    assert (record.compression_class, record.compression_since) == ("30-40", datetime.date(2025, 1, 15))


def test_the_form_starts_from_the_last_answers(front_desk_client) -> None:
    record = IntakeRecordFactory(swelling="left", medications="Lipitor 20 mg")
    response = front_desk_client.get(reverse("intake_record_create", args=[record.patient_id]))
    form = response.context["form"]
    assert form["swelling"].value() == "left"
    assert form["medications"].value() == "Lipitor 20 mg"


def test_a_stocking_start_date_in_the_future_is_refused(front_desk_client) -> None:
    patient = PatientFactory()
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = front_desk_client.post(
        reverse("intake_record_create", args=[patient.pk]),
        intake_post(compression_use="current", compression_since=future),
    )
    assert response.context["form"].errors["compression_since"]
    assert not patient.intake_records.exists()


def test_a_pregnancy_answer_for_a_male_patient_is_refused(front_desk_client) -> None:
    patient = PatientFactory(sex_at_birth="M")
    response = front_desk_client.post(reverse("intake_record_create", args=[patient.pk]), intake_post(pregnancy="yes"))
    assert "male" in response.context["form"].errors["pregnancy"][0]


def test_a_sonographer_reads_but_does_not_record_intakes(sonographer_client) -> None:
    record = IntakeRecordFactory()
    detail = reverse("intake_record_detail", args=[record.patient_id, record.pk])
    assert sonographer_client.get(detail).status_code == 200
    assert sonographer_client.get(reverse("intake_record_create", args=[record.patient_id])).status_code == 403


def test_a_record_is_only_found_under_its_own_patient(front_desk_client) -> None:
    record = IntakeRecordFactory()
    other = PatientFactory()
    assert front_desk_client.get(reverse("intake_record_detail", args=[other.pk, record.pk])).status_code == 404
