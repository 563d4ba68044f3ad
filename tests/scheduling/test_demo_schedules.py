"""The demo practice has someone to book at every office, the Arizona one in Arizona time."""

import pytest
from django.core.management import call_command

from clinic.models import Office
from scheduling.models import Availability
from scheduling.services import next_slots
from tests.factories.scheduling import appointment_type

pytestmark = pytest.mark.django_db


def test_every_demo_office_has_a_sonographer_and_a_physician_on_the_weekly_schedule() -> None:
    call_command("load_demo", verbosity=0)
    offices = list(Office.objects.all())
    assert len(offices) == 12
    for office in offices:
        groups = set(Availability.objects.filter(office=office).values_list("provider__user__groups__name", flat=True))
        assert {"sonographer", "physician"} <= groups, office.name


def test_a_duplex_and_a_consult_can_be_found_at_every_demo_office_within_a_week() -> None:
    call_command("load_demo", verbosity=0)
    for office in Office.objects.all():
        for code in ("duplex", "new_consult"):
            slots = next_slots(appointment_type=appointment_type(code), offices=[office], limit=1, days=7)
            assert slots, f"no {code} at {office.name}"
            assert slots[0].local_start.tzinfo.key == office.time_zone


def test_the_arizona_office_books_within_its_hours_in_arizona_time() -> None:
    call_command("load_demo", verbosity=0)
    scottsdale = Office.objects.get(slug="scottsdale")
    assert scottsdale.time_zone == "America/Phoenix"
    (first,) = next_slots(appointment_type=appointment_type("duplex"), offices=[scottsdale], limit=1, days=7)
    assert first.local_start.strftime("%Z") == "MST"  # standard time in June: Arizona has no daylight saving
    assert 8 <= first.local_start.hour < 16
