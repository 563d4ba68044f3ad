"""Entering and reading Wells DVT scores (physician or sonographer)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from clinic.access import get_for, permission_required
from clinic.audit import log_access
from evaluations.forms import WellsForm
from evaluations.models import WellsAssessment
from evaluations.rules.segments import Side
from evaluations.services import wells as wells_service
from evaluations.views.common import get_patient_for, offices_of, visit_office

ADD = "evaluations.add_wellsassessment"
VIEW = "evaluations.view_wellsassessment"


def _leg(request: HttpRequest, hints: dict[str, dict[str, str]]) -> str:
    """The leg asked for; else the one leg the patient's answers suggest; else the right."""
    asked = request.POST.get("side") or request.GET.get("side")
    if asked in Side.values:
        return asked
    suggested = [side for side in Side.values if "entire_leg_swollen" in hints[side]]
    return suggested[0] if len(suggested) == 1 else Side.RIGHT


@permission_required(ADD)
def wells_new(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    log_access(patient)
    offices = offices_of(request)
    office = visit_office(request, patient)
    if office is None or office not in offices:
        office = offices.first()
    if office is None:
        messages.error(request, "You are not assigned to an office; ask the clinic admin.")
        return redirect("evaluations:patient_overview", pk=patient.pk)
    hints_by_leg = wells_service.intake_hints(patient)
    side = _leg(request, hints_by_leg)
    hints = hints_by_leg[side]
    day = wells_service.visit_day(office)
    earlier = wells_service.current_for_visit(patient, side, day)
    ticked = earlier.present() if earlier else dict.fromkeys(hints, True)
    form = WellsForm(request.POST or None, hints=hints, initial={"side": side, **ticked})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = wells_service.record_wells(
                patient=patient,
                office=office,
                side=form.cleaned_data["side"],
                present=form.present(),
                prefilled=list(hints),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            leg = assessment.get_side_display().lower()
            messages.success(request, f"Wells score {assessment.score} for the {leg} leg: {assessment.verdict}.")
            return redirect(assessment)
    context = {
        "patient": patient,
        "form": form,
        "side": side,
        "sides": Side.choices,
        "hints": hints,
        "earlier": earlier,
        "office": office,
        "day": day,
    }
    return render(request, "evaluations/wells_form.html", context)


@permission_required(VIEW)
def wells_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_for(
        request,
        WellsAssessment.objects.select_related("patient", "office", "entered_by", "appointment"),
        perm=VIEW,
        pk=pk,
    )
    log_access(assessment)
    history = list(
        WellsAssessment.objects.filter(
            patient=assessment.patient, visit_date=assessment.visit_date, side=assessment.side
        ).select_related("entered_by")
    )
    is_current = not any(a.corrects_id == assessment.pk for a in history)
    today = wells_service.visit_day(assessment.office)
    context = {
        "assessment": assessment,
        "wells": [assessment],
        "patient": assessment.patient,
        "history": history,
        "is_current": is_current,
        # Corrections are made on the visit day; an older visit's score stays as it was.
        "may_correct": is_current and assessment.visit_date == today and request.user.has_perm(ADD),
    }
    return render(request, "evaluations/wells_detail.html", context)
