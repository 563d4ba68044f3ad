"""An invitation link alone opens nothing: the patient proves their date of birth first,
a few wrong answers lock it, and the address it goes to is the chart's email."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from intake.models import Patient, PortalInvitation
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.portal import invitation_link

pytestmark = pytest.mark.django_db

BORN = datetime.date(1961, 4, 12)
STRONG = "leafy-violet-harbor-42"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def maria():
    return PatientFactory(first_name="Maria", last_name="Garcia", date_of_birth=BORN, email="maria@example.test")


def test_the_link_alone_shows_neither_the_name_nor_the_login_form(maria) -> None:
    _invitation, link = invitation_link(maria)
    page = Client().get(link).content.decode()
    assert "date of birth" in page
    assert "Maria" not in page
    assert "password1" not in page


def test_a_login_posted_without_the_date_of_birth_creates_nothing(maria) -> None:
    _invitation, link = invitation_link(maria)
    response = Client().post(link, {"username": "thief", "password1": STRONG, "password2": STRONG})
    assert response.status_code == 200
    assert not Patient.objects.filter(user__isnull=False).exists()


def test_the_right_date_of_birth_opens_the_login_form_with_the_patients_name(maria) -> None:
    _invitation, link = invitation_link(maria)
    client = Client()
    assert client.post(link, {"date_of_birth": "1961-04-12"}).status_code == 302
    page = client.get(link).content.decode()
    assert "Welcome, Maria" in page
    assert "password1" in page


def test_a_wrong_date_of_birth_says_so(maria) -> None:
    _invitation, link = invitation_link(maria)
    response = Client().post(link, {"date_of_birth": "1961-12-04"})
    assert response.status_code == 200
    assert "does not match our records" in response.content.decode()


def test_five_wrong_dates_lock_the_invitation_even_for_the_right_one(maria) -> None:
    _invitation, link = invitation_link(maria)
    for day in range(1, 5):
        assert Client().post(link, {"date_of_birth": f"1970-01-0{day}"}).status_code == 200
    locked = Client().post(link, {"date_of_birth": "1970-01-05"})
    assert locked.status_code == 429
    assert "locked" in locked.content.decode()
    assert Client().post(link, {"date_of_birth": "1961-04-12"}).status_code == 429


def test_a_locked_invitation_is_explained_in_the_patients_spanish(maria) -> None:
    maria.preferred_language = "es"
    maria.save()
    _invitation, link = invitation_link(maria)
    for day in range(1, 6):
        response = Client().post(link, {"date_of_birth": f"1970-01-0{day}"})
    assert response.status_code == 429
    assert "Esta invitación está bloqueada" in response.content.decode()


def test_a_new_invitation_from_the_front_desk_starts_afresh(maria, front_desk) -> None:
    _invitation, link = invitation_link(maria)
    for day in range(1, 6):
        Client().post(link, {"date_of_birth": f"1970-01-0{day}"})
    client_for(front_desk).post(f"/portal/desk/patients/{maria.pk}/invite/")
    new_link = "/portal/" + mail.outbox[-1].body.split("/portal/", 1)[1].split()[0]
    assert Client().post(new_link, {"date_of_birth": "1961-04-12"}).status_code == 302


def test_guessing_usernames_on_one_invitation_is_limited(maria) -> None:
    _invitation, link = invitation_link(maria)
    client = Client()
    client.post(link, {"date_of_birth": "1961-04-12"})
    taken = {"username": "someone", "password1": "short", "password2": "short"}
    for _ in range(10):
        assert client.post(link, taken).status_code == 200
    refused = client.post(link, taken)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()


def test_one_address_posting_to_invitations_is_limited(maria) -> None:
    _invitation, link = invitation_link(maria)
    for _ in range(20):
        Client(REMOTE_ADDR="198.51.100.7").post(link, {"date_of_birth": "not a date"})
    assert Client(REMOTE_ADDR="198.51.100.7").post(link, {"date_of_birth": "1961-04-12"}).status_code == 429


def test_the_invitation_goes_to_the_charts_email_whatever_the_desk_posts(maria, front_desk) -> None:
    client_for(front_desk).post(f"/portal/desk/patients/{maria.pk}/invite/", {"email": "elsewhere@example.test"})
    assert mail.outbox[0].to == ["maria@example.test"]
    assert PortalInvitation.objects.get(patient=maria).email == "maria@example.test"
    page = client_for(front_desk).get(f"/portal/desk/patients/{maria.pk}/invite/").content.decode()
    assert 'name="email"' not in page
    assert f"/patients/{maria.pk}/edit/" in page
