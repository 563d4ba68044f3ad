"""What evaluations adds to the home page and the patient chart (see clinic.navigation)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from clinic import navigation
from clinic.audit import log_access_many
from clinic.navigation import HOME, PATIENT_CHART, Action, NavItem, Panel
from clinic.per_request import read_once
from clinic.roles import Role
from evaluations import diagram, selectors
from evaluations.models import Evaluation, SegmentFinding, TreatmentPlan
from evaluations.services import wells as wells_service
from evaluations.views.common import offices_of
from intake.models.symptoms import symptom_history_for

CLINICAL = frozenset({Role.SONOGRAPHER, Role.PHYSICIAN})
PHYSICIAN = frozenset({Role.PHYSICIAN})
SONOGRAPHER = frozenset({Role.SONOGRAPHER})
PLAN_READERS = frozenset({Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN})
AUTH_DESK = frozenset({Role.FRONT_DESK, Role.PHYSICIAN})


def physician_home(request: HttpRequest, obj: Any) -> dict[str, Any]:
    offices = offices_of(request)
    alerts = list(SegmentFinding.objects.unacknowledged_thrombus_at(offices)[:20])
    drafts = list(Evaluation.objects.drafts_by(request.user).order_by("visit_date")[:20])
    likely = wells_service.likely_without_same_day_duplex(offices, today=timezone.localdate())
    log_access_many(
        [
            *(finding.study.patient for finding in alerts),
            *(note.patient for note in drafts),
            *(w.patient for w in likely),
        ]
    )
    return {"alerts": alerts, "drafts": drafts, "wells_likely": likely}


def sonographer_home(request: HttpRequest, obj: Any) -> dict[str, Any]:
    offices = list(offices_of(request))
    visits = selectors.duplex_visits_today(offices, timezone.localdate())
    studies = list(selectors.studies_in_progress(offices)[:20])
    log_access_many(row.patient for row in [*visits, *studies])
    return {"visits": visits, "studies": studies}


def chart_trend(request: HttpRequest, patient: Any) -> dict[str, Any]:
    history = selectors.leg_history(patient)
    # The chart itself shows the same scores: read once for both.
    scores = symptom_history_for(request, patient)
    return {
        "patient": patient,
        **selectors.trends_for(patient, history, scores),
        "latest_legs": selectors.latest_ceap(history),
    }


def _plans(request: HttpRequest, patient: Any) -> list[TreatmentPlan]:
    """The patient's plans with their items, newest first, read once for both chart panels below:
    the diagram's treated segments and the plan card (clinic.per_request)."""
    return read_once(request, ("treatment_plans", patient.pk), lambda: list(selectors.plans_for(patient)))


def chart_diagram(request: HttpRequest, patient: Any) -> dict[str, Any]:
    study = selectors.latest_study(patient)
    built = diagram.build(study.findings.all(), selectors.treated_in(_plans(request, patient))) if study else None
    return {"patient": patient, "study": study, "diagram": built}


def chart_plan(request: HttpRequest, patient: Any) -> dict[str, Any]:
    plans = _plans(request, patient)
    return {"patient": patient, "plan": plans[0] if plans else None}


def register() -> None:
    navigation.register(NavItem("Vein studies", "evaluations:worklist", CLINICAL, order=30))
    navigation.register(NavItem("Prior auths", "evaluations:prior_auth_queue", AUTH_DESK, order=32))
    navigation.register_panel(
        Panel(HOME, "evaluations/panels/home_physician.html", PHYSICIAN, physician_home, order=10)
    )
    navigation.register_panel(
        Panel(HOME, "evaluations/panels/home_sonographer.html", SONOGRAPHER, sonographer_home, order=10)
    )
    navigation.register_panel(Panel(PATIENT_CHART, "evaluations/panels/chart_trend.html", CLINICAL, chart_trend, 40))
    navigation.register_panel(
        Panel(PATIENT_CHART, "evaluations/panels/chart_diagram.html", CLINICAL, chart_diagram, 41)
    )
    navigation.register_panel(Panel(PATIENT_CHART, "evaluations/panels/chart_plan.html", PLAN_READERS, chart_plan, 42))
    navigation.register_action(
        Action(
            PATIENT_CHART,
            "Record duplex",
            lambda p: reverse("evaluations:study_start", args=[p.pk]),
            SONOGRAPHER,
            40,
        )
    )
    navigation.register_action(
        Action(
            PATIENT_CHART,
            "Wells DVT score",
            lambda p: reverse("evaluations:wells_new", args=[p.pk]),
            CLINICAL,
            43,
        )
    )
    navigation.register_action(
        Action(PATIENT_CHART, "Evaluate", lambda p: reverse("evaluations:patient_overview", args=[p.pk]), PHYSICIAN, 41)
    )
    navigation.register_action(
        Action(
            PATIENT_CHART,
            "Treatment plan",
            lambda p: reverse("evaluations:patient_overview", args=[p.pk]) + "#plans",
            PHYSICIAN,
            42,
        )
    )
