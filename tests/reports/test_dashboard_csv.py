"""Each chart's CSV holds exactly the rows of the table beside it."""

import csv
import io

import pytest
from django.urls import reverse

from clinic.roles import Role
from reports.metrics import figure_keys
from tests.conftest import client_for, make_staff
from tests.reports.helpers import figures_of

pytestmark = pytest.mark.django_db


def test_every_csv_matches_its_table(practice) -> None:
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.danville))
    params = {"first": str(practice.first), "last": str(practice.last)}
    page = client.get(reverse("reports:dashboard"), params)
    figures = figures_of(page)
    assert set(figures) == set(figure_keys())
    for key, figure in figures.items():
        response = client.get(reverse("reports:dashboard_csv", args=[key]), params)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert f"veinflow-{key}-all-offices-{practice.first}-{practice.last}.csv" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows == [figure.table.columns, *figure.table.rows], key
        # The page's link carries the same filter.
        assert f"{reverse('reports:dashboard_csv', args=[key])}?{page.wsgi_request.GET.urlencode()}" in (
            page.content.decode().replace("&amp;", "&")
        )


def test_csv_for_one_office_is_named_after_it(practice) -> None:
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.danville))
    params = {"office": "danville", "first": str(practice.first), "last": str(practice.last)}
    response = client.get(reverse("reports:dashboard_csv", args=["visits-by-type"]), params)
    assert rows_equal(response, [["Visit type", "Scheduled", "Completed", "No-shows", "Cancelled", "Of which late"]])
    assert "veinflow-visits-by-type-danville-" in response["Content-Disposition"]


def rows_equal(response, head: list[list[str]]) -> bool:
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return rows[: len(head)] == head


def test_a_by_office_table_for_one_office_is_not_found(practice) -> None:
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.danville))
    params = {"office": "danville", "first": str(practice.first), "last": str(practice.last)}
    assert client.get(reverse("reports:dashboard_csv", args=["screenings-by-office"]), params).status_code == 404


def test_an_unknown_chart_is_not_found(clinic_admin) -> None:
    response = client_for(clinic_admin).get(reverse("reports:dashboard_csv", args=["patients"]))
    assert response.status_code == 404


def test_a_cell_that_looks_like_a_formula_is_neutralised(clinic_admin) -> None:
    from tests.factories import OfficeFactory
    from tests.factories.intake import ScreeningFactory

    office = OfficeFactory(name="=HYPERLINK(1)", slug="formula")
    ScreeningFactory(preferred_office=office)
    response = client_for(clinic_admin).get(reverse("reports:dashboard_csv", args=["screenings-by-office"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["'=HYPERLINK(1)", "1", "0", "0.0%"] in rows
