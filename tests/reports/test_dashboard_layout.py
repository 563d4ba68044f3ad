"""A year of weeks scrolls in a box beside its chart; a table too wide to sit beside its chart goes under it."""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _wrapper_and_column(html: str, key: str) -> tuple[set[str], set[str]]:
    """The classes of the box around the figure's table and of the grid column around that box."""
    before = html[: html.index(f'data-testid="table-{key}"')]
    column, wrapper = re.findall(r'<div class="([^"]*)"', before)[-2:]
    return set(wrapper.split()), set(column.split())


def test_weekly_tables_scroll_and_wide_tables_sit_under_their_chart(clinic_admin) -> None:
    html = client_for(clinic_admin).get(reverse("reports:dashboard")).content.decode()

    weekly, beside = _wrapper_and_column(html, "screenings-weekly")
    assert "report-table-scroll" in weekly  # 53 weeks of rows
    assert "col-lg-7" in beside  # three columns fit beside the chart

    reminders, under = _wrapper_and_column(html, "reminder-delivery")
    assert "report-table-scroll" not in reminders
    assert "col-lg-7" not in under  # seven columns: full width, under the chart
