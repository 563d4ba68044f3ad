"""Each line of the office day view acts on its own appointment."""

import pytest
from django.urls import reverse

from scheduling.models import Status
from tests.factories.scheduling import AppointmentFactory
from tests.scheduling.conftest import at

pytestmark = pytest.mark.django_db


def test_each_row_of_the_day_view_opens_checks_in_and_cancels_its_own_appointment(
    front_desk_client, duplex_day, in_three_days
):
    office, provider, room = duplex_day
    first = AppointmentFactory(office=office, provider=provider, room=room, start=at(in_three_days, 9))
    second = AppointmentFactory(
        office=office,
        provider=provider,
        room=room,
        start=at(in_three_days, 10),
        end=at(in_three_days, 10, 45),
        status=Status.CHECKED_IN,
    )
    page = front_desk_client.get(f"/calendar/{office.slug}/{in_three_days.isoformat()}/").content.decode()
    row_of = {a.pk: page.split(f'id="appointment-{a.pk}"')[1].split("</tr>")[0] for a in (first, second)}

    booked = row_of[first.pk]
    assert f'href="{reverse("scheduling:appointment_detail", args=[first.pk])}"' in booked
    assert f'action="{reverse("scheduling:appointment_status", args=[first.pk])}"' in booked
    assert f'href="{reverse("scheduling:appointment_cancel", args=[first.pk])}"' in booked
    assert f"?appointment={first.pk}&amp;office={office.slug}" in booked
    assert "9:00 AM&ndash;9:45 AM" in booked and "Check in" in booked

    checked_in = row_of[second.pk]
    assert f'action="{reverse("scheduling:appointment_status", args=[second.pk])}"' in checked_in
    assert "Complete" in checked_in and "Check in" not in checked_in
    assert f"/appointments/{first.pk}/" not in checked_in


def test_the_day_grid_links_each_block_to_its_appointment(front_desk_client, duplex_day, in_three_days):
    office, provider, room = duplex_day
    appointment = AppointmentFactory(office=office, provider=provider, room=room, start=at(in_three_days, 11))
    day = in_three_days.isoformat()
    grid = front_desk_client.get(f"/calendar/{office.slug}/{day}/").content.decode().split("</svg>")[0]
    assert f'<a href="{reverse("scheduling:appointment_detail", args=[appointment.pk])}">' in grid
    assert appointment.patient.last_name in grid
