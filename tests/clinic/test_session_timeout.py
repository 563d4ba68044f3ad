"""Staff sessions end after 15 idle minutes (HIPAA automatic log-off)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def stored_session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_each_request_pushes_the_end_of_the_session_15_minutes_out(front_desk) -> None:
    client = client_for(front_desk)
    client.get(reverse("home"))
    expires_in = stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=14) < expires_in <= timedelta(minutes=15)


def test_after_15_idle_minutes_the_next_page_asks_for_the_login_again(front_desk) -> None:
    client = client_for(front_desk)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_requests_within_a_minute_leave_the_stored_session_alone_and_the_page_counts_from_its_end(
    front_desk, clock
) -> None:
    client = client_for(front_desk)
    client.get(reverse("home"))
    written = stored_session(client).expire_date
    clock.shift(40)
    page = client.get(reverse("home"))
    assert stored_session(client).expire_date == written
    left = int(page["X-Idle-Seconds"])
    assert 855 <= left <= 860
    assert f'data-idle-seconds="{left}"' in page.content.decode()


def test_a_request_a_minute_or_more_after_the_last_write_pushes_the_end_out_again(front_desk, clock) -> None:
    client = client_for(front_desk)
    client.get(reverse("home"))
    written = stored_session(client).expire_date
    clock.shift(61)
    page = client.get(reverse("home"))
    assert stored_session(client).expire_date >= written + timedelta(seconds=60)
    assert int(page["X-Idle-Seconds"]) >= 899


def test_stay_signed_in_always_starts_the_15_minutes_again(front_desk, clock) -> None:
    client = client_for(front_desk)
    client.get(reverse("home"))
    clock.shift(10)
    response = client.post(reverse("session_keepalive"))
    assert response.status_code == 204
    assert int(response["X-Idle-Seconds"]) >= 899
    expires_in = stored_session(client).expire_date - timezone.now()
    assert timedelta(minutes=14, seconds=59) < expires_in <= timedelta(minutes=15)
