"""Scoped getters: one per object, lookup and permission together, so no view can forget the check."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from clinic.models import Office
from clinic.roles import Role, has_role
from evaluations.models import DuplexStudy, Evaluation, PlanItem, SegmentFinding, TreatmentPlan
from intake.models import Patient

CLINICAL = (Role.SONOGRAPHER, Role.PHYSICIAN)
PLAN_READERS = (Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN)


def offices_of(request: HttpRequest):
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return Office.objects.none()
    return profile.offices.filter(is_active=True)


def get_patient_for(request: HttpRequest, pk: int) -> Patient:
    return get_object_or_404(Patient, pk=pk)


def get_study_for(request: HttpRequest, pk: int) -> DuplexStudy:
    return get_object_or_404(DuplexStudy.objects.select_related("patient", "office", "sonographer"), pk=pk)


def get_finding_for(request: HttpRequest, pk: int) -> SegmentFinding:
    return get_object_or_404(SegmentFinding.objects.select_related("study__patient", "study__office"), pk=pk)


def get_evaluation_for(request: HttpRequest, pk: int) -> Evaluation:
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("patient", "office", "physician", "signed_by", "duplex_study"), pk=pk
    )
    # Draft notes belong to the physicians; others never learn one exists.
    if not evaluation.is_signed and not has_role(request.user, Role.PHYSICIAN):
        raise Http404
    return evaluation


def get_plan_for(request: HttpRequest, pk: int) -> TreatmentPlan:
    return get_object_or_404(
        TreatmentPlan.objects.select_related("patient", "payer_rule_set", "created_by", "signed_by", "evaluation"),
        pk=pk,
    )


def get_item_for(request: HttpRequest, pk: int) -> PlanItem:
    return get_object_or_404(PlanItem.objects.select_related("plan__patient", "plan__payer_rule_set"), pk=pk)
