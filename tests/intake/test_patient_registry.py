"""Registering and editing patients: demographics, contacts, insurance, dated consent."""

import pytest
from django.urls import reverse

from intake.models import Patient
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


def patient_post(**overrides) -> dict:
    return {
        "first_name": "Marguerite",
        "last_name": "Oakhollow",
        "date_of_birth": "1958-03-14",
        "sex_at_birth": "F",
        "phone": "(503) 555-0120",
        "email": "m@example.test",
        "preferred_language": "es",
        "preferred_contact": "sms",
        "may_text": "on",
        "insurance_payer": "Example Health Plan",
        "insurance_member_id": "EHP000001",
        "emergency_contact_name": "Tom Oakhollow",
        "emergency_contact_phone": "503 555 0123",
        "emergency_contact_relation": "Husband",
        **overrides,
    }


def test_the_front_desk_registers_a_patient_with_dated_sms_consent(front_desk_client) -> None:
    response = front_desk_client.post(reverse("patient_create"), patient_post())
    patient = Patient.objects.get()
    assert response["Location"] == patient.get_absolute_url()
    assert patient.phone == "+15035550120"
    assert patient.emergency_contact_phone == "+15035550123"
    assert patient.sms_consent and patient.sms_consent_at is not None
    assert patient.preferred_language == "es"


def test_texting_as_preferred_contact_needs_sms_consent(front_desk_client) -> None:
    response = front_desk_client.post(reverse("patient_create"), patient_post(may_text=""))
    assert response.context["form"].errors["preferred_contact"]
    assert not Patient.objects.exists()


def test_a_malformed_phone_is_refused_and_the_rest_kept(front_desk_client) -> None:
    response = front_desk_client.post(reverse("patient_create"), patient_post(phone="12345"))
    assert response.context["form"].errors["phone"]
    assert b"EHP000001" in response.content


def test_withdrawing_consent_clears_its_date_and_keeping_it_keeps_the_first_date(front_desk_client) -> None:
    patient = PatientFactory(sms_consent=False)
    front_desk_client.post(reverse("patient_edit", args=[patient.pk]), patient_post())
    patient.refresh_from_db()
    first_date = patient.sms_consent_at
    front_desk_client.post(reverse("patient_edit", args=[patient.pk]), patient_post(insurance_payer="Other Plan"))
    patient.refresh_from_db()
    assert patient.sms_consent_at == first_date
    front_desk_client.post(
        reverse("patient_edit", args=[patient.pk]), patient_post(may_text="", preferred_contact="phone")
    )
    patient.refresh_from_db()
    assert not patient.sms_consent and patient.sms_consent_at is None


def test_a_sonographer_cannot_edit_demographics(sonographer_client) -> None:
    assert sonographer_client.get(reverse("patient_edit", args=[PatientFactory().pk])).status_code == 403


def test_load_demo_can_run_twice_without_changing_anything(db) -> None:
    from clinic.demo import load_demo as load_clinic
    from intake.demo import load_demo

    load_clinic()
    first = load_demo()
    assert load_demo() == first
    assert first["patients"] == 2 and first["screenings"] == 3
