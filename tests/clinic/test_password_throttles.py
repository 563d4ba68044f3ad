"""Password resets are limited per client address and per account; wrong current
passwords on the change form count toward the same lock-out as failed log-ins."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from clinic.roles import Role
from tests.conftest import client_for, make_staff
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def ask_reset(email: str, address: str = "203.0.113.5"):
    return Client(REMOTE_ADDR=address).post(reverse("password_reset"), {"email": email})


def test_one_account_gets_at_most_three_reset_emails_an_hour_from_anywhere() -> None:
    user = make_staff(Role.SONOGRAPHER)
    answers = [ask_reset(user.email, f"203.0.113.{n}").status_code for n in range(5)]
    # The page answers the same every time (it must not reveal the limit, nor the account).
    assert answers == [302] * 5
    assert len(mail.outbox) == 3


def test_one_address_asking_for_many_resets_is_told_to_wait() -> None:
    for n in range(10):
        assert ask_reset(f"someone{n}@example.test").status_code == 302
    refused = ask_reset("someone-else@example.test")
    assert refused.status_code == 429
    assert "Too many password resets" in refused.content.decode()


def change_password(client: Client, old: str):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": "copper-lantern-77", "new_password2": "copper-lantern-77"},
    )


def test_wrong_current_passwords_lock_the_account_like_failed_log_ins(settings) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    user = make_staff(Role.PHYSICIAN)
    client = client_for(user)
    assert "incorrect" in change_password(client, "guess-one").content.decode()
    assert "incorrect" in change_password(client, "guess-two").content.decode()
    locked = change_password(client, "guess-three")
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    # Signed out, and the right password does not open the account until the cool-off ends.
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    again = Client().post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert again.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_right_current_password_changes_it_and_keeps_the_session(physician_client, physician) -> None:
    response = change_password(physician_client, PASSWORD)
    assert response.status_code == 302
    assert physician_client.get(reverse("home")).status_code == 200
