"""A visit lasts at most 480 minutes, the longest any appointment type allows; the database refuses a longer
one, and the calendar's window queries rely on that to read only the visits near the window."""

import datetime

import pytest
from django.db import IntegrityError, OperationalError, transaction

from scheduling.models import Appointment
from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_visit_longer_than_eight_hours():
    visit = AppointmentFactory()
    with pytest.raises((IntegrityError, OperationalError)), transaction.atomic():
        Appointment.objects.filter(pk=visit.pk).update(end=visit.start + datetime.timedelta(minutes=481))
    Appointment.objects.filter(pk=visit.pk).update(end=visit.start + datetime.timedelta(minutes=480))


def test_an_eight_hour_visit_overlaps_the_last_minute_of_its_span():
    visit = AppointmentFactory()
    Appointment.objects.filter(pk=visit.pk).update(end=visit.start + datetime.timedelta(minutes=480))
    last_minute = visit.start + datetime.timedelta(minutes=479)
    window = Appointment.objects.overlapping(last_minute, last_minute + datetime.timedelta(minutes=1))
    assert list(window) == [visit]
    after = Appointment.objects.overlapping(
        visit.start + datetime.timedelta(minutes=480), visit.start + datetime.timedelta(hours=9)
    )
    assert list(after) == []
