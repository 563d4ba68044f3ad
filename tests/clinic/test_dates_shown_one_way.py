"""Staff pages write a day as "Jun 4, 2030" and a moment as "Tue, Jun 4, 2030, 9:00 AM"."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template

from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db

LOS_ANGELES = zoneinfo.ZoneInfo("America/Los_Angeles")


def render(text: str, **context) -> str:
    return Template("{% load clinic_tags %}" + text).render(Context(context))


def test_the_filters_write_days_and_moments_one_way() -> None:
    at = datetime.datetime(2030, 6, 4, 9, 0, tzinfo=LOS_ANGELES)
    assert render("{{ at|day }}", at=at) == "Jun 4, 2030"
    assert render("{{ at|weekday }}", at=at) == "Tue, Jun 4, 2030"
    assert render("{{ at|moment }}", at=at) == "Tue, Jun 4, 2030, 9:00 AM"
    assert render("{{ at|short_moment }}", at=at) == "Tue, Jun 4, 9:00 AM"
    assert render("{{ nothing|day }}", nothing=None) == ""


def test_the_appointment_page_and_its_cancel_page_write_the_time_the_same_way(front_desk_client) -> None:
    appointment = AppointmentFactory(start=datetime.datetime(2030, 6, 6, 9, 0, tzinfo=LOS_ANGELES))
    detail = front_desk_client.get(f"/appointments/{appointment.pk}/").content.decode()
    cancel = front_desk_client.get(f"/appointments/{appointment.pk}/cancel/").content.decode()
    assert "Thu, Jun 6, 2030, 9:00 AM" in detail
    assert "Thu, Jun 6, 2030, 9:00 AM" in cancel
