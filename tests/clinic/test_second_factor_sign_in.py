"""Staff sign in with a password and then a code from their authenticator app."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.roles import Role
from tests.conftest import make_staff
from tests.helpers import totp_code, totp_device_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"
NOON = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)


def password_step(client: Client, user, next_url: str = "/") -> object:
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, "next": next_url})


@pytest.fixture
def physician_with_app(office):
    user = make_staff(Role.PHYSICIAN, office)
    user.set_password(PASSWORD)
    user.save()
    return user, totp_device_for(user)


def test_the_password_alone_leads_to_the_code_page_not_to_any_staff_page(physician_with_app) -> None:
    user, _device = physician_with_app
    client = Client()
    response = password_step(client, user, "/patients/")
    assert response.status_code == 302
    home = client.get("/patients/")
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("second_factor_verify"))
    page = client.get(home["Location"])
    assert "Confirm it is you" in page.content.decode()


@time_machine.travel(NOON, tick=False)
def test_the_right_code_opens_the_page_first_asked_for(physician_with_app) -> None:
    user, device = physician_with_app
    client = Client()
    password_step(client, user)
    response = client.post(
        reverse("second_factor_verify"), {"code": totp_code(device, at=NOON.timestamp()), "next": "/offices/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/offices/"
    assert client.get("/offices/").status_code == 200


@time_machine.travel(NOON, tick=False)
def test_a_wrong_code_says_so_and_opens_nothing(physician_with_app) -> None:
    user, _device = physician_with_app
    client = Client()
    password_step(client, user)
    response = client.post(reverse("second_factor_verify"), {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/offices/")["Location"].startswith(reverse("second_factor_verify"))


@time_machine.travel(NOON, tick=False)
def test_a_code_already_used_is_refused_the_second_time(physician_with_app) -> None:
    user, device = physician_with_app
    code = totp_code(device, at=NOON.timestamp())
    first = Client()
    password_step(first, user)
    assert first.post(reverse("second_factor_verify"), {"code": code})["Location"] == "/"
    second = Client()
    password_step(second, user)
    response = second.post(reverse("second_factor_verify"), {"code": code})
    assert response.status_code == 200
    assert "already used" in response.content.decode()


def test_wrong_codes_count_toward_the_log_in_lock_out(physician_with_app, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    user, device = physician_with_app
    with time_machine.travel(NOON, tick=False) as clock:
        client = Client()
        password_step(client, user)
        for _ in range(2):
            assert "not right" in client.post(reverse("second_factor_verify"), {"code": "111111"}).content.decode()
            clock.shift(5)  # past django-otp's back-off, so each guess is really tried
        locked = client.post(reverse("second_factor_verify"), {"code": "111111"})
        assert locked.status_code == 429
        assert "Too many failed log-ins" in locked.content.decode()
        # The half-signed-in session is gone, and the password no longer opens it either.
        assert client.get("/offices/")["Location"].startswith(reverse("login"))
        again = Client()
        assert password_step(again, user).status_code == 429


def test_the_admin_site_refuses_a_session_without_the_second_factor(clinic_admin) -> None:
    totp_device_for(clinic_admin)
    client = Client()
    client.force_login(clinic_admin)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_verify"))


def test_a_device_being_set_up_does_not_count_as_a_second_factor(physician_with_app) -> None:
    user, device = physician_with_app
    device.delete()
    TOTPDevice.objects.create(user=user, name="half set up", confirmed=False)
    client = Client()
    password_step(client, user)
    assert client.get("/offices/")["Location"].startswith(reverse("second_factor_enrol"))


@time_machine.travel(NOON, tick=False)
def test_codes_are_limited_per_person_across_addresses(physician_with_app, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 100  # axes counts per address; this limit is per person
    user, _device = physician_with_app
    for n in range(10):
        client = Client(REMOTE_ADDR=f"198.51.100.{n}")
        password_step(client, user)
        assert client.post(reverse("second_factor_verify"), {"code": "222222"}).status_code == 200
    client = Client(REMOTE_ADDR="198.51.100.99")
    password_step(client, user)
    refused = client.post(reverse("second_factor_verify"), {"code": "222222"})
    assert refused.status_code == 429
    assert "Too many codes were tried" in refused.content.decode()


def test_right_after_a_wrong_code_the_page_asks_to_wait_a_moment(physician_with_app) -> None:
    user, device = physician_with_app
    with time_machine.travel(NOON, tick=False) as clock:
        client = Client()
        password_step(client, user)
        client.post(reverse("second_factor_verify"), {"code": "333333"})
        right_now = totp_code(device, at=NOON.timestamp())
        paused = client.post(reverse("second_factor_verify"), {"code": right_now})
        assert "please wait a moment" in paused.content.decode()
        clock.shift(2)
        assert client.post(reverse("second_factor_verify"), {"code": right_now}).status_code == 302
