"""My plan: the signed treatment plan in plain words, care instructions, signed visit summaries.

Only what a physician has signed reaches the patient; drafts, internal plan notes
and appointment notes never do.
"""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clinic.access import get_for
from clinic.audit import log_access
from evaluations.models import Evaluation, PlanItem, TreatmentPlan
from portal import instructions
from portal.access import PORTAL, patient_required


@patient_required
@require_GET
def my_plan(request: HttpRequest) -> HttpResponse:
    """Two queries for plans (with items) and one for the visit summaries, whatever their number."""
    patient = request.patient
    log_access(patient)
    plans = list(
        TreatmentPlan.objects.for_patient(patient)
        .filter(status=TreatmentPlan.Status.SIGNED)
        .select_related("signed_by")
        .prefetch_related(Prefetch("items", queryset=PlanItem.objects.order_by("pk")))
    )
    current = plans[0] if plans else None
    items = [(item, instructions.explain(item.kind)) for item in current.items.all()] if current else []
    kinds = [item.kind for item, _ in items]
    summaries = list(
        Evaluation.objects.for_patient(patient)
        .signed()
        .select_related("office", "signed_by")
        .only(
            "pk",
            "visit_date",
            "signed_at",
            "office__name",
            "signed_by__first_name",
            "signed_by__last_name",
            "patient_id",
        )
    )
    return render(
        request,
        "portal/plan.html",
        {
            "plan": current,
            "items": items,
            "compression": [i for i, _ in items if i.compression_class],
            "compression_guidance": instructions.COMPRESSION_GUIDANCE,
            "has_procedure": instructions.has_procedure(kinds),
            "before": instructions.BEFORE_PROCEDURE,
            "after": instructions.AFTER_PROCEDURE,
            "summaries": summaries,
        },
    )


@patient_required
@require_GET
def visit_summary(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_for(
        request,
        Evaluation.objects.signed().select_related("office", "signed_by__staff_profile", "patient"),
        perm=PORTAL,
        pk=pk,
        patient=request.patient,
    )
    log_access(evaluation)
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "legs": list(evaluation.legs.all()),
        "addenda": list(evaluation.addenda.all()),
        "plans": list(evaluation.treatment_plans.filter(status=TreatmentPlan.Status.SIGNED).prefetch_related("items")),
    }
    response = render(request, "portal/visit_summary.html", context)
    if request.GET.get("download"):
        name = f"visit-summary-{evaluation.visit_date:%Y-%m-%d}.html"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
