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
