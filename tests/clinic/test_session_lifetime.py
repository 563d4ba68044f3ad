"""Besides the idle timeout, a session ends 12 hours after sign-in however busy it was;
passwords are at least 12 characters."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 15, 0, tzinfo=datetime.UTC)


def test_a_busy_session_ends_twelve_hours_after_sign_in(front_desk, settings) -> None:
    settings.SESSION_COOKIE_AGE = 24 * 60 * 60  # only the absolute limit is under test here
    with time_machine.travel(START, tick=False) as clock:
        client = client_for(front_desk)
        assert client.get(reverse("home")).status_code == 200
        clock.shift(datetime.timedelta(hours=11, minutes=59))
        assert client.get(reverse("home")).status_code == 200
        clock.shift(datetime.timedelta(minutes=2))
        response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "signed out after 12 hours" in client.get(response["Location"]).content.decode()


def test_stay_signed_in_slides_the_idle_expiry(front_desk) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = client_for(front_desk)
        client.get(reverse("home"))
        clock.shift(datetime.timedelta(minutes=14))
        assert client.post(reverse("session_keepalive")).status_code == 204
        clock.shift(datetime.timedelta(minutes=14))
        assert client.get(reverse("home")).status_code == 200


def test_every_staff_page_carries_the_idle_warning_and_its_script(front_desk_client) -> None:
    page = front_desk_client.get(reverse("home")).content.decode()
    assert 'data-idle-seconds="900"' in page
    assert 'id="idle-warning"' in page
    assert "/static/clinic/session-timeout.js" in page
    assert "<script>" not in page  # no inline script: the CSP would block it


@pytest.mark.parametrize("password", ["eleven-char", "Abcdefgh12!"])
def test_a_password_shorter_than_twelve_characters_is_refused(password: str) -> None:
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password(password)


def test_a_twelve_character_password_is_long_enough() -> None:
    validate_password("lantern-rope")
