"""The screening form's per-address limit holds under simultaneous submissions, and a
cache outage lets a patient's screening through instead of failing it."""

import logging
import threading

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from intake.models import ScreeningSubmission
from tests.helpers import requires_postgres
from tests.intake.answers import screening_post

SIMULTANEOUS = 20
# A Redis that is not there: nothing listens on port 9 of this machine.
UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.mark.postgres
@requires_postgres
@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs Redis (set REDIS_URL): the limit is counted there")
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_screenings_from_one_address_let_exactly_five_through(settings) -> None:
    settings.SCREENING_RATE_LIMIT = (5, 3600)
    barrier = threading.Barrier(SIMULTANEOUS)
    statuses: list[int] = []

    def submit(n: int) -> None:
        try:
            client = Client(REMOTE_ADDR="198.51.100.20")
            barrier.wait()
            response = client.post(reverse("screening_form"), screening_post(phone=f"(925) 555-01{n:02d}"))
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SIMULTANEOUS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * 5 + [429] * 15
    assert ScreeningSubmission.objects.count() == 5


@pytest.mark.django_db
def test_with_the_cache_unreachable_the_screening_is_accepted_and_the_outage_logged(client, settings, caplog):
    settings.SCREENING_RATE_LIMIT = (1, 3600)
    with override_settings(CACHES=UNREACHABLE_CACHE), caplog.at_level(logging.WARNING, logger="clinic.throttle"):
        first = client.post(reverse("screening_form"), screening_post())
        second = client.post(reverse("screening_form"), screening_post(phone="(925) 555-0133"))
    assert (first.status_code, second.status_code) == (302, 302)
    assert ScreeningSubmission.objects.count() == 2
    assert "cache is unreachable" in caplog.text


@pytest.mark.django_db
def test_a_form_with_mistakes_does_not_use_up_the_limit(client, settings) -> None:
    settings.SCREENING_RATE_LIMIT = (1, 3600)
    client.post(reverse("screening_form"), screening_post(phone="555-12"))
    response = client.post(reverse("screening_form"), screening_post())
    assert response.status_code == 302
