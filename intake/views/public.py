"""The clinic's front door: the public online vein screening form (no login)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clinic.access import public
from intake import services, throttle
from intake.forms import ScreeningForm
from intake.triage import TriageLevel

SESSION_KEY = "intake_screening_outcome"


@public
@require_http_methods(["GET", "POST"])
def screening_form(request: HttpRequest) -> HttpResponse:
    form = ScreeningForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            # Answer as if it worked: a bot learns nothing, and nothing is stored.
            request.session[SESSION_KEY] = {"level": int(TriageLevel.ROUTINE), "flags": []}
            return redirect("screening_thanks")
        if form.is_valid():
            if throttle.take_screening_slot(request):
                submission = services.submit_screening(submission=form.save(commit=False))
                # Only what the thank-you page needs; no PHI in the session.
                request.session[SESSION_KEY] = {
                    "level": submission.triage_level,
                    "flags": [f["title"] for f in submission.triage_findings if f["level"] <= TriageLevel.URGENT],
                }
                return redirect("screening_thanks")
            form.add_error(
                None,
                _("We have received several screenings from this connection in the last hour. Please call us instead."),
            )
            status = 429
    return render(request, "intake/screening_form.html", {"form": form}, status=status)


@public
def screening_thanks(request: HttpRequest) -> HttpResponse:
    outcome = request.session.get(SESSION_KEY)
    if outcome is None:
        return redirect("screening_form")
    level = TriageLevel(outcome["level"])
    return render(
        request,
        "intake/screening_thanks.html",
        {
            "level": level,
            "flags": outcome["flags"],
            "emergency": level == TriageLevel.EMERGENCY,
            "urgent": level == TriageLevel.URGENT,
        },
    )
