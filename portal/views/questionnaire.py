"""The pre-visit questionnaire: the staff's intake form, worded for the patient, saved as they go.

Answers are kept as a draft while the patient types (every change, through htmx,
and the "finish later" button without script); sending them makes a dated intake
record entered by the patient, which the chart shows as such.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clinic.audit import log_access
from clinic.drafts import as_initial
from intake.accounts import save_intake_draft, submit_patient_intake
from intake.forms import IntakeForm
from intake.models import IntakeDraft, IntakeRecord, Occasion, Patient, SymptomScore
from intake.models.answers import ANSWER_FIELDS
from portal.access import patient_required

# Nothing beyond the questionnaire's own fields is stored in a draft.
DRAFT_FIELDS = frozenset(ANSWER_FIELDS)
# A draft field holds at most this many values and characters: enough for any real answer.
DRAFT_MAX_VALUES = 20
DRAFT_MAX_CHARS = 2000


def _draft_answers(request: HttpRequest) -> dict[str, list[str]]:
    return {
        name: [value[:DRAFT_MAX_CHARS] for value in values[:DRAFT_MAX_VALUES]]
        for name, values in request.POST.lists()
        if name in DRAFT_FIELDS
    }


def _initial_from(draft: IntakeDraft | None, latest: IntakeRecord | None, form_class: type) -> dict[str, Any]:
    if draft is None:
        return latest.answers() if latest else {}
    return as_initial(draft.answers, form_class)


def _latest(patient: Patient) -> IntakeRecord | None:
    return IntakeRecord.objects.filter(patient=patient).order_by("-recorded_at", "-pk").first()


@patient_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    patient = request.patient
    log_access(patient)
    if request.method == "POST" and "later" in request.POST:
        save_intake_draft(patient=patient, answers=_draft_answers(request))
        messages.success(request, _("Your answers are saved. Come back any time to finish."))
        return redirect("portal:home")
    draft = IntakeDraft.objects.filter(patient=patient).first()
    latest = _latest(patient)
    form = IntakeForm(
        request.POST or None, patient=patient, public=True, initial=_initial_from(draft, latest, IntakeForm)
    )
    if request.method == "POST":
        if form.is_valid():
            submit_patient_intake(patient=patient, data=form.answer_data(), by=request.user)
            messages.success(request, _("Thank you: your answers are with the clinic."))
            if not SymptomScore.objects.filter(patient=patient).exists():
                # Clinic policy: the symptom score before the first visit comes right after the intake.
                return redirect(f"{reverse('portal:symptoms')}?occasion={Occasion.BASELINE}")
            return redirect("portal:home")
        # Whatever was typed survives a mistake, even if the patient leaves now.
        save_intake_draft(patient=patient, answers=_draft_answers(request))
    return render(request, "portal/intake.html", {"form": form, "draft": draft, "latest": latest})


@patient_required
@require_POST
def intake_autosave(request: HttpRequest) -> HttpResponse:
    save_intake_draft(patient=request.patient, answers=_draft_answers(request))
    office = request.patient.preferred_office
    saved_at = timezone.localtime(timezone=office.zone if office else None).strftime("%H:%M")
    return HttpResponse(_("Saved at %(time)s") % {"time": saved_at})
