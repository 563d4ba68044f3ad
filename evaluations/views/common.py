"""Scoped getters: one per object, each asking clinic.access's questions, so no view can forget them."""

import datetime

from django.http import HttpRequest
from django.utils import timezone

from clinic.access import get_for
from clinic.models import Office
from evaluations.models import DuplexStudy, Evaluation, PlanItem, SegmentFinding, TreatmentPlan
from intake.models import Patient
from scheduling.models import Appointment, Status


def offices_of(request: HttpRequest):
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return Office.objects.none()
    return profile.offices.filter(is_active=True)


def visit_office(request: HttpRequest, patient: Patient) -> Office | None:
    """Where this visit is happening: the office of the patient's appointment around now (checked
    in first), else the clinician's home office, else their first office. Never the patient's
    preferred office while the visit is elsewhere: summaries and the portal print this office."""
    now = timezone.now()
    window = datetime.timedelta(hours=12)
    visit = (
        Appointment.objects.active()
        .filter(patient=patient, start__lt=now + window, end__gt=now - window)
        .exclude(status=Status.COMPLETED)
        .select_related("office")
    )
    checked_in = [a for a in visit if a.status == Status.CHECKED_IN]
    nearest = checked_in or sorted(visit, key=lambda a: abs((a.start - now).total_seconds()))
    if nearest:
        return nearest[0].office
    profile = getattr(request.user, "staff_profile", None)
    if profile is not None and profile.home_office_id and profile.home_office.is_active:
        return profile.home_office
    return offices_of(request).first() or patient.preferred_office


def get_patient_for(request: HttpRequest, pk: int) -> Patient:
    return get_for(request, Patient, perm="intake.view_patient", pk=pk)


def get_study_for(request: HttpRequest, pk: int, *, perm: str = "evaluations.view_duplexstudy") -> DuplexStudy:
    return get_for(
        request,
        DuplexStudy.objects.select_related("patient", "office", "sonographer", "finalized_by", "taken_over_from"),
        perm=perm,
        pk=pk,
    )


def get_finding_for(request: HttpRequest, pk: int, *, perm: str = "evaluations.view_segmentfinding") -> SegmentFinding:
    return get_for(request, SegmentFinding.objects.select_related("study__patient", "study__office"), perm=perm, pk=pk)


def get_evaluation_for(request: HttpRequest, pk: int, *, perm: str = "evaluations.view_evaluation") -> Evaluation:
    """Drafts only to physicians (404 for anyone else); editing and signing only the draft's own physician (403)."""
    related = ("patient", "office", "physician", "signed_by", "duplex_study", "last_edited_by", "taken_over_from")
    return get_for(request, Evaluation.objects.select_related(*related), perm=perm, pk=pk)


def get_plan_for(request: HttpRequest, pk: int, *, perm: str = "evaluations.view_treatmentplan") -> TreatmentPlan:
    return get_for(
        request,
        TreatmentPlan.objects.select_related("patient", "payer_rule_set", "created_by", "signed_by", "evaluation"),
        perm=perm,
        pk=pk,
    )


def get_item_for(request: HttpRequest, pk: int, *, perm: str = "evaluations.view_planitem") -> PlanItem:
    return get_for(request, PlanItem.objects.select_related("plan__patient", "plan__payer_rule_set"), perm=perm, pk=pk)
