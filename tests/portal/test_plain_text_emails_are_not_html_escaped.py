"""Plain-text emails carry names as written: no &amp; or &#x27; in a patient's inbox."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.portal import BookingRequestFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_greets_the_patient_by_the_name_as_written(front_desk) -> None:
    patient = PatientFactory(first_name="O'Brien & Sons", email="ob@example.test")
    client_for(front_desk).post(f"/portal/desk/patients/{patient.pk}/invite/")
    (message,) = mail.outbox
    assert "Hello O'Brien & Sons," in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body


def test_a_request_outcome_greets_the_patient_by_the_name_as_written(front_desk, office) -> None:
    patient = PatientFactory(first_name="D'Arcy", email="da@example.test", email_consent=True)
    request = BookingRequestFactory(patient=patient, office=office)
    client_for(front_desk).post(
        f"/portal/desk/requests/{request.pk}/", {"decision": "decline", "reason": "Closed that day <sorry>"}
    )
    (message,) = mail.outbox
    assert "Hello D'Arcy," in message.body


def test_every_plain_text_template_turns_autoescaping_off() -> None:
    """A .txt template (email bodies, subjects) rendered with HTML escaping would mangle names."""
    roots = [Path(settings.BASE_DIR)]
    found = [
        path
        for root in roots
        for path in root.rglob("templates/**/*.txt")
        if ".venv" not in path.parts and "{{" in path.read_text()
    ]
    assert found
    unescaped = [str(p) for p in found if "{% autoescape off %}" not in p.read_text()]
    assert unescaped == []
