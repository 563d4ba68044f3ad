"""The demo practice has a practice manager and a past for the dashboard to show: visits, and a
year of treated patients with their scores before and after and their prior authorizations."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from clinic.models import Office
from clinic.roles import Role, roles_of
from evaluations.models import Evaluation, LegAssessment, PlanItem, PriorAuthorization, TreatmentPlan
from intake.models import Patient, SymptomScore
from scheduling.models import Appointment, AppointmentEvent, Reminder
from tests.conftest import client_for
from tests.reports.helpers import figures_of

pytestmark = pytest.mark.django_db


def test_the_demo_manager_sees_past_visits_on_the_dashboard() -> None:
    call_command("load_demo", verbosity=0)
    history = Appointment.objects.filter(notes="Demo history").count()
    call_command("load_demo", verbosity=0)
    assert Appointment.objects.filter(notes="Demo history").count() == history > 0
    manager = get_user_model().objects.get(username="manager")
    assert manager.check_password("veinflow-demo")
    assert Role.PRACTICE_MANAGER in roles_of(manager)
    response = client_for(manager).get(reverse("reports:dashboard"), {"office": "danville"})
    rows = {row[0]: row for row in figures_of(response)["visits-by-type"].table.rows}
    assert int(rows["Duplex ultrasound"][2]) > 0  # completed


def _everything() -> dict[str, list]:
    """What the demo wrote, row by row, for comparing one load with the next."""
    models = (
        Patient,
        Appointment,
        AppointmentEvent,
        Reminder,
        Evaluation,
        LegAssessment,
        TreatmentPlan,
        PlanItem,
        PriorAuthorization,
        SymptomScore,
    )
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def _number(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_the_demo_dashboard_shows_a_year_of_treatment_outcomes_and_authorizations() -> None:
    call_command("load_demo", verbosity=0)
    written = _everything()
    call_command("load_demo", verbosity=0)
    assert _everything() == written
    manager = get_user_model().objects.get(username="manager")
    figures = figures_of(client_for(manager).get(reverse("reports:dashboard")))  # the last twelve months

    assert int(dict(figures["procedures-by-type"].headlines)["Procedures done"]) > 0
    done = {row[0] for row in figures["procedures-by-type"].table.rows}
    assert {"Radiofrequency ablation (ClosureFast)", "VenaSeal cyanoacrylate closure"} <= done
    wait = {row[0]: row[1] for row in figures["visit-to-treatment"].table.rows}
    assert _number(wait["Median"]) > 0

    vcss = figures["vcss-outcomes"].table.rows
    assert vcss and all(int(row[2]) > 0 for row in vcss)  # with VCSS before and after
    assert all(_number(row[4]) < _number(row[3]) for row in vcss)  # lower after

    hasti = figures["pro-outcomes"].table.rows
    assert hasti and all(int(row[2]) > 0 and _number(row[4]) < _number(row[3]) for row in hasti)  # 6 weeks
    assert sum(int(row[5]) for row in hasti) > 0  # and 6 months for the earlier ones

    auths = {row[0]: row for row in figures["prior-auth-outcomes"].table.rows}
    # Marguerite's plan (evaluations.demo) comes from no note and is not booked: hers has no office.
    named = {*Office.objects.values_list("name", flat=True), "Office not recorded", "All offices"}
    assert {"Danville", "Lafayette", "Concord"} <= set(auths) <= named
    assert all(int(auths[office][1]) >= 3 for office in ("Danville", "Lafayette", "Concord"))  # submitted
    columns = figures["prior-auth-outcomes"].table.columns
    totals = dict(zip(columns, auths["All offices"], strict=True))
    for outcome in ("Pending", "Approved", "Denied", "Appealed"):
        assert int(totals[outcome]) > 0, outcome
