"""Pages and chart panels make as many queries for 20 visits and 200 findings as for one."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from clinic import navigation
from evaluations.models import SegmentFinding
from tests.clock import SUITE_NOW
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    PlanItemFactory,
    SegmentFindingFactory,
    TreatmentPlanFactory,
    signed_evaluation,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

SEGMENTS = ["SFJ", "GSVa", "GSVb", "AASV", "SPJ", "SSV", "CFV", "FV", "POPV", "CPV"]


def _history(visits: int, physician):
    patient = PatientFactory()
    for n in range(visits):
        when = SUITE_NOW - datetime.timedelta(days=30 * (visits - n))
        study = DuplexStudyFactory(patient=patient, performed_at=when)
        for segment in SEGMENTS[: 10 if visits > 1 else 1]:
            SegmentFindingFactory(study=study, segment=segment, reflux_ms=600 + n)
        signed_evaluation(patient, physician, study=study, visit_date=when.date(), legs={"R": {"pain": 1}, "L": {}})
    plan = TreatmentPlanFactory(patient=patient)
    PlanItemFactory(plan=plan)
    return patient


def _chart_panels(request, patient) -> None:
    for template, context in navigation.panels_for(navigation.PATIENT_CHART, request, patient):
        render_to_string(template, {"panel": context}, request=request)


@pytest.mark.parametrize(
    "page",
    ["patient_overview", "latest_study", "latest_evaluation", "visit_summary", "plan", "chart_panels"],
)
def test_query_count_does_not_grow_with_visits_and_findings(physician, physician_client, page) -> None:
    counts = []
    for visits in (1, 20):
        patient = _history(visits, physician)
        evaluation = patient.evaluations.order_by("-visit_date").first()
        urls = {
            "patient_overview": reverse("evaluations:patient_overview", args=[patient.pk]),
            "latest_study": patient.duplex_studies.first().get_absolute_url(),
            "latest_evaluation": evaluation.get_absolute_url(),
            "visit_summary": reverse("evaluations:visit_summary", args=[evaluation.pk]),
            "plan": patient.treatment_plans.first().get_absolute_url(),
        }
        if page == "chart_panels":
            request = RequestFactory().get("/")
            request.user = physician
            _chart_panels(request, patient)  # the user's roles are read once per request, then kept
            counts.append(count_queries(lambda p=patient, r=request: _chart_panels(r, p)))
        else:
            counts.append(count_queries(lambda u=urls[page]: physician_client.get(u)))
    assert counts[0] == counts[1], counts
    assert SegmentFinding.objects.filter(study__patient=patient).count() == 200


def test_the_patient_chart_makes_as_many_queries_for_a_long_history_as_for_a_short_one(
    physician, physician_client
) -> None:
    """The whole chart page as a physician sees it (every panel): visits, findings, intake
    records, symptom scores, allergies, upcoming appointments and reminders add rows, not queries."""
    from tests.factories.intake import AllergyFactory, IntakeRecordFactory, SymptomScoreFactory
    from tests.factories.reminders import ReminderFactory
    from tests.factories.scheduling import AppointmentFactory

    counts = []
    for visits in (1, 20):
        patient = _history(visits, physician)
        for n in range(visits):
            past = SUITE_NOW - datetime.timedelta(days=30 * (visits - n))
            AppointmentFactory(patient=patient, start=past, status="completed")
            IntakeRecordFactory(patient=patient, recorded_at=past, swelling="left", medications="Lasix")
            SymptomScoreFactory(patient=patient, heaviness=n % 6)
        for agent in ("latex", "lidocaine", "adhesive")[: min(visits, 3)]:
            AllergyFactory(patient=patient, agent=agent)
        upcoming = AppointmentFactory(patient=patient)
        for _ in range(visits):
            ReminderFactory(appointment=upcoming)
        url = reverse("patient_chart", args=[patient.pk])
        assert physician_client.get(url).status_code == 200
        counts.append(count_queries(lambda u=url: physician_client.get(u)))
    assert counts[0] == counts[1], counts
