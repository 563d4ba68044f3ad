"""The symptom questionnaire (HASTI) on the portal: before the first visit, and when a
reminder asks for it after a procedure (the link names the occasion)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clinic.audit import log_access, log_access_many
from intake.forms import SymptomScoreForm
from intake.models import Occasion, SymptomScore
from intake.services import record_symptom_score
from portal.access import patient_required

# Only the occasions a patient is asked for; "other" is the desk's.
ASKED = (Occasion.BASELINE, Occasion.SIX_WEEKS, Occasion.SIX_MONTHS)
EARLIER_ROWS = 6


def _occasion(request: HttpRequest, earlier: list[SymptomScore]) -> str:
    """The occasion the link named; without one, the baseline until there is one, then "other"."""
    asked = request.GET.get("occasion") or request.POST.get("occasion") or ""
    if asked in ASKED:
        return asked
    return Occasion.OTHER if any(s.occasion == Occasion.BASELINE for s in earlier) else Occasion.BASELINE


@patient_required
@require_http_methods(["GET", "POST"])
def symptoms(request: HttpRequest) -> HttpResponse:
    patient = request.patient
    log_access(patient)
    earlier = list(SymptomScore.objects.filter(patient=patient).order_by("-recorded_at", "-pk")[:EARLIER_ROWS])
    log_access_many(earlier)
    occasion = _occasion(request, earlier)
    form = SymptomScoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record_symptom_score(
            patient=patient,
            scores=form.scores(),
            occasion=occasion,
            source=SymptomScore.Source.PATIENT,
            entered_by=request.user,
        )
        messages.success(request, _("Thank you: your answers are with the clinic."))
        return redirect("portal:home")
    context = {"form": form, "occasion": occasion, "occasion_label": Occasion(occasion).label, "earlier": earlier}
    return render(request, "portal/symptoms.html", context)
