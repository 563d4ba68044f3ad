"""The front desk invites a patient; the link works once, for a week, until revoked or replaced."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from clinic.roles import Role, has_role
from intake.accounts import invitation_from_token
from intake.models import Patient, PortalInvitation
from intake.services import convert_screening
from tests.conftest import client_for
from tests.factories import PatientFactory, ScreeningFactory
from tests.factories.portal import invitation_link

pytestmark = pytest.mark.django_db
STRONG = "leafy-violet-harbor-42"


def accept(link: str, username: str = "maria@example.test", password: str = STRONG, again: str | None = None):
    """The patient confirms their date of birth, then chooses a username and password."""
    client = Client()
    born = invitation_from_token(link.rstrip("/").rsplit("/", 1)[1]).patient.date_of_birth
    assert client.post(link, {"date_of_birth": born.isoformat()}).status_code == 302
    return client.post(link, {"username": username, "password1": password, "password2": again or password})


def test_front_desk_invites_from_the_chart_and_the_patient_gets_a_link_by_email(front_desk) -> None:
    patient = PatientFactory(email="maria@example.test", preferred_language="es")
    response = client_for(front_desk).post(f"/portal/desk/patients/{patient.pk}/invite/")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maria@example.test"]
    assert "/portal/welcome/" in message.body
    assert "Hola" in message.body  # in the patient's language
    invitation = PortalInvitation.objects.get(patient=patient)
    assert invitation.sent_count == 1


def test_the_chart_offers_the_invitation_to_the_front_desk(front_desk) -> None:
    patient = PatientFactory()
    page = client_for(front_desk).get(patient.get_absolute_url()).content.decode()
    assert "Invite to portal" in page
    assert f"/portal/desk/patients/{patient.pk}/invite/" in page


def test_a_converted_screening_leads_to_its_patients_invitation(front_desk) -> None:
    screening = ScreeningFactory()
    patient = convert_screening(submission=screening, by=front_desk)
    response = client_for(front_desk).get(f"/portal/desk/screenings/{screening.pk}/invite/")
    assert response["Location"] == f"/portal/desk/patients/{patient.pk}/invite/"


def test_patient_sets_a_password_and_lands_in_the_portal_signed_in() -> None:
    invitation, link = invitation_link(PatientFactory(email="maria@example.test"))
    response = accept(link)
    assert response.status_code == 302 and response["Location"] == "/portal/"
    patient = Patient.objects.get(pk=invitation.patient_id)
    assert patient.user.check_password(STRONG)
    assert has_role(patient.user, Role.PATIENT)
    invitation.refresh_from_db()
    assert invitation.status == PortalInvitation.Status.ACCEPTED


def test_a_weak_password_is_refused_with_a_reason_and_what_was_typed_stays() -> None:
    _invitation, link = invitation_link(PatientFactory(first_name="Maria", last_name="Garcia"))
    response = accept(link, username="mgarcia", password="12345678")
    page = response.content.decode()
    assert response.status_code == 200
    assert "too short" in page or "too common" in page
    assert 'value="mgarcia"' in page
    assert 'value="12345678"' in page
    assert not Patient.objects.filter(user__isnull=False).exists()


def test_mismatched_passwords_are_refused() -> None:
    _invitation, link = invitation_link()
    response = accept(link, again=STRONG + "x")
    assert "do not match" in response.content.decode()


def test_a_used_invitation_says_so_and_offers_the_login() -> None:
    _invitation, link = invitation_link()
    accept(link)
    response = Client().get(link)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_an_expired_invitation_says_so() -> None:
    invitation, link = invitation_link()
    PortalInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9), expires_at=timezone.now() - datetime.timedelta(days=2)
    )
    response = Client().get(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_tampered_link_is_not_valid() -> None:
    _invitation, link = invitation_link()
    response = Client().get(link[:-3] + "xx/")
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_resending_replaces_the_earlier_link(front_desk) -> None:
    patient = PatientFactory()
    first, first_link = invitation_link(patient)
    client_for(front_desk).post(f"/portal/desk/patients/{patient.pk}/invite/")
    first.refresh_from_db()
    assert first.status == PortalInvitation.Status.REVOKED
    assert "no longer valid" in Client().get(first_link).content.decode()
    assert PortalInvitation.objects.pending().filter(patient=patient).count() == 1


def test_front_desk_revokes_an_invitation_and_the_link_stops_working(front_desk) -> None:
    invitation, link = invitation_link()
    client_for(front_desk).post(f"/portal/desk/invitations/{invitation.pk}/revoke/")
    assert Client().get(link).status_code == 410


def test_a_patient_with_a_login_is_not_invited_again(front_desk, patient_user) -> None:
    patient = patient_user.patient
    client_for(front_desk).post(f"/portal/desk/patients/{patient.pk}/invite/")
    assert not PortalInvitation.objects.filter(patient=patient).exists()
    assert mail.outbox == []


def test_the_new_login_works_on_the_login_page() -> None:
    _invitation, link = invitation_link()
    accept(link, username="newpatient")
    client = Client()
    response = client.post("/accounts/login/", {"username": "newpatient", "password": STRONG}, follow=True)
    assert response.redirect_chain[-1][0] == "/portal/"
