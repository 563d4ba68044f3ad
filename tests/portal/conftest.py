import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories.portal import consult_office, portal_patient


@pytest.fixture
def consult_day():
    """An office open to instant online booking of consults: (office, physician, room)."""
    return consult_office()


@pytest.fixture
def me(consult_day):
    """The signed-in patient at that office: (user, patient)."""
    return portal_patient(
        office=consult_day[0], first_name="María", last_name="García", email="maria.garcia@example.test"
    )


@pytest.fixture
def my_client(me) -> Client:
    client = Client()
    client.force_login(me[0])
    return client


def free_start(office, days: int = 3, hour: int = 10) -> datetime.datetime:
    day = timezone.now().astimezone(office.zone).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=office.zone)
