"""Logging in: a wrong login gives nothing away; repeated failures lock the pair out."""

import pytest
from django.test import Client
from django.urls import reverse

from clinic.roles import Role
from tests.conftest import make_staff
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, ip: str = "203.0.113.5"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_staff_log_in_and_land_on_their_home_page() -> None:
    user = make_staff(Role.PHYSICIAN)
    response = attempt(Client(), user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_wrong_password_and_an_unknown_user_get_the_same_message() -> None:
    user = make_staff(Role.FRONT_DESK)
    wrong_password = attempt(Client(), user.username, "not-the-password")
    unknown_user = attempt(Client(), "nobody-here", "not-the-password")
    for response in (wrong_password, unknown_user):
        assert response.status_code == 200
        assert "do not match an account" in response.content.decode()
    # The typed username stays in the field.
    assert f'value="{user.username}"' in wrong_password.content.decode()


def test_five_failures_lock_the_user_at_that_address_and_say_how_long(settings) -> None:
    user = make_staff(Role.FRONT_DESK)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.username, "wrong-password")
    locked = attempt(client, user.username, PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Too many failed log-ins" in text
    assert "15 minutes" in text


def test_a_lock_out_does_not_block_colleagues_behind_the_same_address(settings) -> None:
    victim = make_staff(Role.FRONT_DESK)
    colleague = make_staff(Role.SONOGRAPHER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), victim.username, "wrong-password")
    assert attempt(Client(), colleague.username, PASSWORD).status_code == 302


def test_the_locked_user_can_still_log_in_from_another_address(settings) -> None:
    user = make_staff(Role.FRONT_DESK)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), user.username, "wrong-password", ip="203.0.113.5")
    assert attempt(Client(), user.username, PASSWORD, ip="198.51.100.7").status_code == 302
