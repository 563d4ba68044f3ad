"""Preferences the patient sets; name and birth-date changes wait for the front desk."""

import datetime

import pytest

from intake.models import IdentityChangeRequest
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def prefs(**overrides: str) -> dict:
    data = {
        "preferred_language": "es",
        "preferred_contact": "sms",
        "phone": "(503) 555-0199",
        "email": "maria@example.test",
        "may_text": "on",
        "may_email": "on",
        "address_line1": "",
        "address_line2": "",
        "city": "",
        "state": "or",
        "postal_code": "",
    }
    data.update(overrides)
    return data


def test_patient_chooses_spanish_and_texts_and_the_page_answers_in_spanish(my_client, me) -> None:
    response = my_client.post("/portal/preferences/", prefs(), follow=True)
    patient = me[1]
    patient.refresh_from_db()
    assert patient.preferred_language == "es"
    assert patient.sms_consent and patient.sms_consent_at is not None
    assert patient.state == "OR"
    assert "Preferencias" in response.content.decode()


def test_texting_without_consent_is_refused_and_the_form_keeps_what_was_typed(my_client, me) -> None:
    response = my_client.post("/portal/preferences/", prefs(may_text="", city="Salem"))
    page = response.content.decode()
    assert "allow text messages" in page
    assert 'value="Salem"' in page


def test_a_name_change_waits_for_the_front_desk_then_applies(my_client, me, front_desk) -> None:
    patient = me[1]
    my_client.post(
        "/portal/preferences/identity/",
        {"first_name": "María José", "last_name": "García", "date_of_birth": patient.date_of_birth.isoformat()},
    )
    patient.refresh_from_db()
    assert patient.first_name == "María"
    change = IdentityChangeRequest.objects.get(patient=patient)
    assert "María José" in client_for(front_desk).get("/portal/desk/requests/").content.decode()
    client_for(front_desk).post(f"/portal/desk/identity-changes/{change.pk}/", {"decision": "approve"})
    patient.refresh_from_db()
    assert patient.first_name == "María José"


def test_a_rejected_change_tells_the_patient_why(my_client, me, front_desk) -> None:
    my_client.post(
        "/portal/preferences/identity/",
        {"first_name": "Maria", "last_name": "García", "date_of_birth": datetime.date(1970, 1, 2).isoformat()},
    )
    change = IdentityChangeRequest.objects.get(patient=me[1])
    client_for(front_desk).post(
        f"/portal/desk/identity-changes/{change.pk}/", {"decision": "decline", "reason": "Bring your ID to the desk"}
    )
    assert "Bring your ID to the desk" in my_client.get("/portal/preferences/").content.decode()


def test_the_same_details_are_not_a_change(my_client, me) -> None:
    patient = me[1]
    response = my_client.post(
        "/portal/preferences/identity/",
        {"first_name": patient.first_name, "last_name": patient.last_name, "date_of_birth": patient.date_of_birth},
    )
    assert "nothing to change" in response.content.decode()
