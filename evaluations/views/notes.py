from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from clinic import drafts
from clinic.access import allows, permission_required
from clinic.audit import log_access
from evaluations import diagram, selectors, services
from evaluations.forms import AddendumForm, DiagnosisForm, EvaluationForm, LegAssessmentForm
from evaluations.models import SignedNoteLocked
from evaluations.models.diagnoses import by_leg, confirm_diagnoses
from evaluations.models.notes import ATTESTATION
from evaluations.rules import vcss
from evaluations.views.common import get_evaluation_for, get_patient_for, visit_office
from evaluations.views.take_over import take_over_page

VIEW = "evaluations.view_evaluation"
EDIT = "evaluations.change_evaluation"
SIGN = "evaluations.sign_evaluation"
TAKE_OVER = "evaluations.take_over_evaluation"
DISCARD = "evaluations.discard_evaluation"


@permission_required("evaluations.add_evaluation")
@require_POST
def evaluation_start(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    office = visit_office(request, patient)
    if office is None:
        messages.error(request, "You are not assigned to an office; ask the clinic admin.")
        return redirect("evaluations:patient_overview", pk=patient.pk)
    evaluation = services.start_evaluation(patient=patient, office=office, by=request.user)
    return redirect("evaluations:evaluation_edit", pk=evaluation.pk)


def _leg_forms(evaluation, data=None, draft=None) -> list[tuple]:
    legs = list(evaluation.legs.all())
    treated = {side for side, _ in selectors.treated_segments(evaluation.patient)}
    reported = services.reported_skin_signs(evaluation.patient)
    return [
        (
            leg,
            LegAssessmentForm(
                data,
                instance=leg,
                prefix=f"leg-{leg.side}",
                initial=drafts.initial(draft, LegAssessmentForm, prefix=f"leg-{leg.side}"),
            ),
            services.suggested_classes(leg, leg.side in treated, reported[leg.side]),
        )
        for leg in legs
    ]


@permission_required(EDIT)
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's own physician only; another physician takes it over first (403 until then)."""
    evaluation = get_evaluation_for(request, pk, perm=EDIT)
    log_access(evaluation)
    if evaluation.is_signed:
        messages.error(request, str(SignedNoteLocked().message))
        return redirect(evaluation)
    data = request.POST if request.method == "POST" else None
    # What was typed before a timeout or a lost connection comes back, not yet saved.
    draft = drafts.find(request, "note") if data is None else None
    form = EvaluationForm(data, instance=evaluation, initial=drafts.initial(draft, EvaluationForm))
    legs = _leg_forms(evaluation, data, draft)
    suggested = services.suggested_diagnoses(evaluation)
    diagnosis_form = DiagnosisForm(
        data,
        prefix="dx",
        suggested=suggested,
        confirmed=list(evaluation.diagnoses.select_related("code")),
        initial=drafts.initial(draft, DiagnosisForm, prefix="dx"),
    )
    forms_valid = [form.is_valid(), diagnosis_form.is_valid(), *(f.is_valid() for _, f, _ in legs)]
    if data is not None and all(forms_valid):
        try:
            with transaction.atomic():
                evaluation.last_edited_by = request.user
                form.save()
                for _, leg_form, _ in legs:
                    leg_form.save()
                confirm_diagnoses(
                    evaluation, diagnosis_form.confirmed_codes(), suggested=diagnosis_form.suggested_codes
                )
        except SignedNoteLocked as locked:
            messages.error(request, locked.message)
            return redirect(evaluation)
        drafts.discard(request, "note")
        messages.success(request, "Draft saved.")
        if "sign" in request.POST and allows(request.user, SIGN, evaluation):
            return _sign(request, evaluation)
        return redirect(evaluation)
    context = {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "form": form,
        "legs": legs,
        "diagnosis_form": diagnosis_form,
        "vcss_items": vcss.ITEMS,
        "draft": draft,
        "attestation": ATTESTATION,
    }
    return render(request, "evaluations/evaluation_form.html", context)


def _sign(request: HttpRequest, evaluation) -> HttpResponse:
    """Signs only with the attestation box ticked (the form's "attest" field)."""
    try:
        evaluation.sign(request.user, attested=request.POST.get("attest") == "yes")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("evaluations:evaluation_edit", pk=evaluation.pk)
    messages.success(request, "Note signed.")
    return redirect(evaluation)


@permission_required(SIGN)
@require_POST
def evaluation_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's own physician only; another physician takes it over first (403 until then)."""
    evaluation = get_evaluation_for(request, pk, perm=SIGN)
    return _sign(request, evaluation)


@permission_required(DISCARD)
@require_POST
def evaluation_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's own physician throws it away (audited as a deletion); a signed note never."""
    evaluation = get_evaluation_for(request, pk, perm=DISCARD)
    patient = evaluation.patient
    try:
        evaluation.discard(request.user)
    except (SignedNoteLocked, ValidationError) as refused:
        for message in getattr(refused, "messages", None) or [str(refused.message)]:
            messages.error(request, message)
        return redirect(evaluation)
    drafts.discard(request, "note")
    messages.success(request, "Draft discarded.")
    return redirect("evaluations:patient_overview", pk=patient.pk)


@permission_required(TAKE_OVER)
@require_http_methods(["GET", "POST"])
def evaluation_take_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Another physician's draft becomes yours, after you confirm; recorded on the note and audited."""
    evaluation = get_evaluation_for(request, pk, perm=TAKE_OVER)
    log_access(evaluation)
    return take_over_page(request, evaluation, owner=evaluation.physician, what="draft note")


def _note_context(evaluation) -> dict:
    study = evaluation.duplex_study
    findings = list(study.findings.all()) if study else []
    legs = list(evaluation.legs.all())
    diagnoses = list(evaluation.diagnoses.select_related("code"))
    return {
        "evaluation": evaluation,
        "patient": evaluation.patient,
        "study": study,
        "findings": findings,
        "diagram": diagram.build(findings, selectors.treated_segments(evaluation.patient)) if study else None,
        "legs": legs,
        "diagnoses": diagnoses,
        "diagnoses_by_leg": by_leg(diagnoses),
        "contradictions": [p for leg in legs for p in leg.contradictions()] if not evaluation.is_signed else [],
        "addenda": list(evaluation.addenda.select_related("author")),
        "plans": list(selectors.plans_for(evaluation.patient).filter(evaluation=evaluation)),
        "wells": selectors.wells_for(evaluation.patient, day=evaluation.visit_date),
    }


@permission_required(VIEW)
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for(request, pk)
    log_access(evaluation)
    context = _note_context(evaluation)
    may_add = evaluation.is_signed and request.user.has_perm("evaluations.add_addendum")
    context["addendum_form"] = AddendumForm() if may_add else None
    context["may_edit"] = not evaluation.is_signed and allows(request.user, EDIT, evaluation)
    context["may_take_over"] = allows(request.user, TAKE_OVER, evaluation)
    context["may_discard"] = allows(request.user, DISCARD, evaluation)
    context["attestation"] = ATTESTATION
    return render(request, "evaluations/evaluation_detail.html", context)


@permission_required(VIEW)
def visit_summary(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for(request, pk)
    log_access(evaluation)
    return render(request, "evaluations/visit_summary.html", _note_context(evaluation))


@permission_required("evaluations.add_addendum")
@require_POST
def addendum_add(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for(request, pk, perm="evaluations.add_addendum")
    form = AddendumForm(request.POST)
    if not evaluation.is_signed:
        messages.error(request, "Addenda are added to signed notes; edit the draft instead.")
    elif form.is_valid():
        addendum = form.save(commit=False)
        addendum.evaluation = evaluation
        addendum.author = request.user
        addendum.save()
        messages.success(request, "Addendum added.")
    else:
        messages.error(request, "An addendum needs text.")
    return redirect(evaluation)
