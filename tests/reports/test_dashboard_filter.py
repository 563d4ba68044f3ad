"""Bad filters are refused next to their field with what was typed kept; unknown offices are refused."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.forms import years_after
from tests.clock import SUITE_TODAY
from tests.conftest import client_for
from tests.reports.helpers import dashboard_url

pytestmark = pytest.mark.django_db


def test_without_a_filter_the_last_twelve_months_of_all_offices(clinic_admin) -> None:
    response = client_for(clinic_admin).get(reverse("reports:dashboard"))
    scope = response.context["scope"]
    assert scope.office is None
    assert scope.last == SUITE_TODAY
    assert scope.first == datetime.date(2029, 6, 5)


def test_a_backwards_range_is_refused_next_to_the_end_date(clinic_admin) -> None:
    response = client_for(clinic_admin).get(dashboard_url(first="2030-05-10", last="2030-05-01"))
    assert response.status_code == 200
    assert response.context["figures"] == []
    assert response.context["form"].errors == {"last": ["The end date is before the start date."]}
    html = response.content.decode()
    assert 'value="2030-05-10"' in html and 'value="2030-05-01"' in html
    assert "is-invalid" in html


def test_more_than_five_years_is_refused(clinic_admin) -> None:
    client = client_for(clinic_admin)
    refused = client.get(dashboard_url(first="2025-01-01", last="2030-01-01"))
    assert "at most 5 years" in refused.context["form"].errors["last"][0]
    assert 'value="2025-01-01"' in refused.content.decode()
    allowed = client.get(dashboard_url(first="2025-01-01", last="2029-12-31"))
    assert allowed.context["form"].is_valid()


def test_five_years_from_a_leap_day() -> None:
    assert years_after(datetime.date(2028, 2, 29), 5) == datetime.date(2033, 2, 28)


def test_an_office_that_does_not_exist_is_refused_with_a_message(clinic_admin) -> None:
    response = client_for(clinic_admin).get(dashboard_url(office="nowhere"))
    assert response.context["form"].errors == {"office": ["Choose one of the offices in the list."]}
    assert response.context["figures"] == []


def test_the_csv_of_a_refused_filter_is_a_bad_request(clinic_admin) -> None:
    url = reverse("reports:dashboard_csv", args=["visits-by-type"])
    response = client_for(clinic_admin).get(url, {"first": "2030-05-10", "last": "2030-05-01"})
    assert response.status_code == 400


def test_a_date_outside_the_calendar_is_refused(clinic_admin) -> None:
    response = client_for(clinic_admin).get(dashboard_url(first="0001-01-01", last="9999-12-31"))
    assert response.status_code == 200
    assert response.context["form"].errors


fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
day_text = st.one_of(st.text(max_size=30), st.dates().map(str))


@fuzz
@given(office=st.text(max_size=40), first=day_text, last=day_text)
def test_the_filter_never_errors(clinic_admin, office: str, first: str, last: str) -> None:
    client = client_for(clinic_admin)
    client.raise_request_exception = False
    params = {k: v.replace("\x00", "") for k, v in {"office": office, "first": first, "last": last}.items()}
    response = client.get(reverse("reports:dashboard"), params)
    assert response.status_code == 200
    csv_response = client.get(reverse("reports:dashboard_csv", args=["visits-weekly"]), params)
    assert csv_response.status_code in (200, 400)
