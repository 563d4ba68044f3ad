"""Every dashboard figure on a practice whose numbers are known in advance (tests/reports/conftest.py)."""

import pytest

from clinic.roles import Role
from evaluations.models import AuthorizationStatus, PriorAuthorization
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import signed_plan
from tests.reports.helpers import dashboard_url, figures_of, rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def danville(practice):
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.danville))
    response = client.get(dashboard_url(office="danville", first=str(practice.first), last=str(practice.last)))
    assert response.status_code == 200
    return response


@pytest.fixture
def everywhere(practice):
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.danville))
    response = client.get(dashboard_url(first=str(practice.first), last=str(practice.last)))
    assert response.status_code == 200
    return response


def test_screenings_received_and_converted_by_week(danville, practice) -> None:
    assert rows_of(danville, "screenings-weekly") == [
        ["2030-05-06", "2", "2", "100.0%"],
        ["2030-05-13", "1", "1", "100.0%"],
        ["2030-05-20", "1", "0", "0.0%"],
        ["2030-05-27", "1", "0", "0.0%"],
    ]
    headlines = dict(danville.context["headlines"])
    assert headlines["Screenings received"] == "5"
    assert headlines["Converted to patients"] == "3 (60.0%)"


def test_one_office_has_no_by_office_figures(danville) -> None:
    assert "screenings-by-office" not in figures_of(danville)


def test_all_offices_show_screenings_per_office(everywhere) -> None:
    assert rows_of(everywhere, "screenings-by-office") == [
        ["Danville", "5", "3", "60.0%"],
        ["Walnut Creek", "1", "0", "0.0%"],
    ]


def test_days_from_screening_to_first_visit(danville) -> None:
    assert rows_of(danville, "screening-to-visit") == [
        ["Median", "6.0"],
        ["90th percentile", "9.2"],
        ["Converted screenings with a visit", "2"],
        ["Converted screenings with no visit yet", "1"],
    ]


def test_visits_by_type_count_late_cancellations(danville) -> None:
    assert rows_of(danville, "visits-by-type") == [["Duplex ultrasound", "11", "8", "1", "2", "1"]]


def test_visits_by_week(danville) -> None:
    assert rows_of(danville, "visits-weekly") == [
        ["2030-05-06", "5", "4", "1", "0"],
        ["2030-05-13", "4", "2", "0", "1"],
        ["2030-05-20", "1", "1", "0", "0"],
        ["2030-05-27", "1", "1", "0", "0"],
    ]


def test_no_show_and_late_cancel_rates_leave_out_early_cancellations(danville) -> None:
    assert rows_of(danville, "attendance-by-office") == [["Danville", "10", "1", "10.0%", "1", "10.0%"]]
    headlines = dict(danville.context["headlines"])
    assert headlines["No-show rate"] == "10.0%"
    assert headlines["Late-cancel rate"] == "10.0%"


def test_rates_per_office_and_overall(everywhere) -> None:
    assert rows_of(everywhere, "attendance-by-office") == [
        ["Danville", "10", "1", "10.0%", "1", "10.0%"],
        ["Walnut Creek", "1", "0", "0.0%", "0", "0.0%"],
        ["All offices", "11", "1", "9.1%", "1", "9.1%"],
    ]


def test_provider_and_room_utilization(danville) -> None:
    [provider] = rows_of(danville, "provider-utilization")
    assert provider[1:] == ["9.0", "76.0", "11.8%"]
    assert rows_of(danville, "room-utilization") == [["Ultrasound 1", "9.0", "76.0", "11.8%"]]


def test_procedures_by_type(danville) -> None:
    assert rows_of(danville, "procedures-by-type") == [
        ["Radiofrequency ablation (ClosureFast)", "2"],
        ["VenaSeal cyanoacrylate closure", "1"],
    ]


def test_days_from_first_visit_to_first_treatment(danville) -> None:
    assert rows_of(danville, "visit-to-treatment") == [
        ["Median", "13.0"],
        ["90th percentile", "13.8"],
        ["Patients treated for the first time", "2"],
    ]


def test_vcss_before_and_after_treatment(danville) -> None:
    assert rows_of(danville, "vcss-outcomes") == [
        ["Radiofrequency ablation (ClosureFast)", "2", "1", "5.0", "1.0", "-4.0"],
        ["VenaSeal cyanoacrylate closure", "1", "0", "–", "–", "–"],
    ]


def test_patient_reported_symptoms_before_and_after_treatment(danville) -> None:
    assert rows_of(danville, "pro-outcomes") == [
        ["Radiofrequency ablation (ClosureFast)", "2", "2", "15.5", "6.5", "0", "–", "–"],
        ["VenaSeal cyanoacrylate closure", "1", "1", "18.0", "8.0", "1", "18.0", "6.0"],
    ]
    chart = figures_of(danville)["pro-outcomes"].chart
    assert chart.legend == [
        ("series-0", "Baseline (paired with 6 weeks)"),
        ("series-1", "At 6 weeks"),
        ("series-2", "Baseline (paired with 6 months)"),
        ("series-3", "At 6 months"),
    ]


def test_prior_authorization_outcomes_at_one_office(danville) -> None:
    assert rows_of(danville, "prior-auth-outcomes") == [["Danville", "4", "1", "1", "1", "1", "33.3%"]]
    assert dict(danville.context["headlines"])["Prior-auth approval rate"] == "33.3%"


def test_prior_authorization_outcomes_per_office_and_overall(everywhere) -> None:
    assert rows_of(everywhere, "prior-auth-outcomes") == [
        ["Danville", "4", "1", "1", "1", "1", "33.3%"],
        ["Walnut Creek", "1", "0", "1", "0", "0", "100.0%"],
        ["All offices", "5", "1", "2", "1", "1", "50.0%"],
    ]
    assert dict(everywhere.context["headlines"])["Prior-auth approval rate"] == "50.0%"


def test_reminder_delivery(danville) -> None:
    assert rows_of(danville, "reminder-delivery") == [
        ["Email", "3", "2", "0", "1", "0", "100.0%"],
        ["Text message", "6", "3", "1", "1", "1", "75.0%"],
    ]
    assert dict(danville.context["headlines"])["Reminders delivered"] == "83.3%"


def test_another_office_sees_none_of_danvilles_figures(practice) -> None:
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.danville))
    response = client.get(dashboard_url(office="walnut-creek", first=str(practice.first), last=str(practice.last)))
    assert rows_of(response, "screenings-weekly")[0] == ["2030-05-06", "1", "0", "0.0%"]
    assert rows_of(response, "procedures-by-type") == []
    assert rows_of(response, "reminder-delivery") == []
    assert rows_of(response, "pro-outcomes") == []
    assert rows_of(response, "prior-auth-outcomes") == [["Walnut Creek", "1", "0", "1", "0", "0", "100.0%"]]


def test_every_chart_is_an_image_with_a_title(danville) -> None:
    html = danville.content.decode()
    charts = [f for f in danville.context["figures"] if f.chart is not None and not f.chart.empty]
    assert charts
    for figure in charts:
        assert f'data-testid="chart-{figure.key}"' in html
        assert f'<title id="{figure.key}-title">' in html
    assert html.count('role="img"') == len(charts)
    assert " style=" not in html.split("<main", 1)[1]


def test_a_request_for_a_plan_with_no_note_or_booking_counts_at_the_patients_office(practice) -> None:
    patient = PatientFactory(preferred_office=practice.walnut_creek)
    item = signed_plan(patient).items.get()
    PriorAuthorization.objects.create(
        item=item, status=AuthorizationStatus.DENIED, submitted_on=practice.last, updated_by=item.plan.created_by
    )
    client = client_for(make_staff(Role.CLINIC_ADMIN, office=practice.walnut_creek))
    response = client.get(dashboard_url(office="walnut-creek", first=str(practice.first), last=str(practice.last)))
    assert rows_of(response, "prior-auth-outcomes") == [["Walnut Creek", "2", "0", "1", "1", "0", "50.0%"]]
