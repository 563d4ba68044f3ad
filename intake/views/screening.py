"""The front desk's screening queue: triage, call, convert to a patient."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from clinic import navigation
from clinic.access import get_for, permission_required
from clinic.audit import log_access, log_access_many
from intake import services
from intake.forms import ConvertForm, ScreeningStatusForm
from intake.models import ScreeningSubmission

VIEW = "intake.view_screeningsubmission"
WORK = "intake.change_screeningsubmission"
QUEUE_PAGE_SIZE = 50


def _get_screening_for(request: HttpRequest, pk: int) -> ScreeningSubmission:
    """The one way views load a screening: permission checked, unknown ids 404 (clinic.access)."""
    return get_for(
        request,
        ScreeningSubmission.objects.select_related("preferred_office", "patient", "handled_by"),
        perm=VIEW,
        pk=pk,
    )


@permission_required(VIEW)
def screening_queue(request: HttpRequest) -> HttpResponse:
    show_closed = request.GET.get("show") == "closed"
    if show_closed:
        rows = (
            ScreeningSubmission.objects.exclude(status__in=ScreeningSubmission.OPEN_STATUSES)
            .select_related("preferred_office", "patient")
            .order_by("-handled_at", "-pk")
        )
    else:
        rows = ScreeningSubmission.objects.queue()
    page = Paginator(rows, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    log_access_many(page.object_list)
    return render(request, "intake/screening_queue.html", {"page": page, "show_closed": show_closed})


def _render_detail(
    request: HttpRequest, submission: ScreeningSubmission, status_form: ScreeningStatusForm | None = None
) -> HttpResponse:
    log_access(submission)
    can_work = request.user.has_perm(WORK) and submission.is_open
    return render(
        request,
        "intake/screening_detail.html",
        {
            "submission": submission,
            "matches": services.matches_for_screening(submission) if submission.is_open else [],
            "can_work": can_work,
            "status_form": (status_form or ScreeningStatusForm()) if can_work else None,
            "actions": navigation.actions_for(navigation.SCREENING, request.user, submission),
        },
    )


@permission_required(VIEW)
def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_screening_for(request, pk))


@permission_required(WORK, "intake.add_patient")
@require_http_methods(["GET", "POST"])
def screening_convert(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_screening_for(request, pk)
    if not submission.is_open:
        messages.info(request, "This screening has already been closed.")
        return redirect(submission)
    log_access(submission)
    matches = services.matches_for_screening(submission)
    form = ConvertForm(request.POST or None, matches=matches)
    if request.method == "POST" and form.is_valid():
        match = form.chosen_match()
        try:
            patient = services.convert_screening(
                submission=submission, by=request.user, patient=match.patient if match else None
            )
        except services.ScreeningClosed:
            messages.info(request, "A colleague closed this screening a moment ago.")
            return redirect(submission)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"{patient.full_name} is registered; the screening answers are on the chart.")
            return redirect(patient)
    return render(
        request,
        "intake/screening_convert.html",
        {"submission": submission, "matches": matches, "form": form},
    )


@permission_required(WORK)
@require_POST
def screening_mark(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get_screening_for(request, pk)
    form = ScreeningStatusForm(request.POST)
    if not submission.is_open:
        messages.info(request, "This screening has already been closed.")
        return redirect(submission)
    if form.is_valid():
        submission.mark(form.cleaned_data["status"], note=form.cleaned_data["note"], by=request.user)
        messages.success(request, f"Marked {submission.get_status_display().lower()}.")
        return redirect("screening_queue")
    return _render_detail(request, submission, form)
