"""One appointment: its page, and the quick actions the calendar runs in place with htmx."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.access import allows, permission_required
from clinic.audit import log_access
from clinic.dates import office_time
from clinic.models import Room
from scheduling.calendar import appointment_row
from scheduling.exceptions import BookingConflict, BookingError
from scheduling.forms import CancelForm, RescheduleForm
from scheduling.models import Appointment, Status
from scheduling.models.appointments import MOVABLE, TRANSITIONS
from scheduling.services import cancel_appointment, change_status, reschedule_appointment
from scheduling.views.common import VIEW, _get_appointment_for

# Providers close their own visits (Appointment.permits); the desk does everything else.
STATUS_PERMS = {
    Status.CONFIRMED: "scheduling.check_in_appointment",
    Status.CHECKED_IN: "scheduling.check_in_appointment",
    Status.COMPLETED: "scheduling.close_appointment",
    Status.NO_SHOW: "scheduling.close_appointment",
}


def appointment_actions(request: HttpRequest, appointment: Appointment) -> list[str]:
    """The actions the appointment's status allows and this user may take, in the desk's order."""
    user = request.user
    allowed = TRANSITIONS[appointment.status]
    actions = []
    if Status.CONFIRMED in allowed and user.has_perm("scheduling.check_in_appointment"):
        actions.append("confirm")
    if Status.CHECKED_IN in allowed and user.has_perm("scheduling.check_in_appointment"):
        actions.append("check_in")
    if appointment.status in MOVABLE and user.has_perm("scheduling.reschedule_appointment"):
        actions.append("reschedule")
    may_close = allows(user, "scheduling.close_appointment", appointment)
    if Status.COMPLETED in allowed and may_close:
        actions.append("complete")
    if Status.NO_SHOW in allowed and may_close:
        actions.append("no_show")
    if Status.CANCELLED in allowed and user.has_perm("scheduling.cancel_appointment"):
        actions.append("cancel")
    return actions


def _back(request: HttpRequest, appointment: Appointment) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return appointment.get_absolute_url()


def _row(request: HttpRequest, appointment: Appointment, **extra: object) -> HttpResponse:
    """The calendar row, for htmx to swap in; tells the day grid to redraw itself."""
    context = {
        "appointment": appointment,
        "rows": [appointment_row(appointment)],
        "error": None,
        "cancel_form": None,
        "candidates": None,
        **extra,
    }
    response = render(request, "scheduling/partials/appointment_rows.html", context)
    response["HX-Trigger"] = "calendarChanged"
    return response


@permission_required(VIEW)
@require_GET
def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = _get_appointment_for(request, pk)
    log_access(appointment)
    events = appointment.events.select_related("by", "previous_provider__user", "previous_room")
    context = {
        "appointment": appointment,
        "events": events,
        "row": appointment_row(appointment),
        "actions": appointment_actions(request, appointment),
    }
    return render(request, "scheduling/appointment_detail.html", context)


@permission_required(VIEW)
@require_POST
def appointment_status(request: HttpRequest, pk: int) -> HttpResponse:
    status = request.POST.get("status", "")
    if status not in STATUS_PERMS:
        return HttpResponse("Unknown status.", status=400)
    appointment = _get_appointment_for(request, pk, perm=STATUS_PERMS[Status(status)])
    error = None
    try:
        change_status(appointment=appointment, status=status, by=request.user)
    except BookingError as refused:
        error = refused.message
    if request.htmx:
        return _row(request, appointment, error=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Marked {appointment.get_status_display().lower()}.")
    return redirect(_back(request, appointment))


@permission_required("scheduling.cancel_appointment")
@require_http_methods(["GET", "POST"])
def appointment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = _get_appointment_for(request, pk, perm="scheduling.cancel_appointment")
    # The confirmation names the patient and the visit.
    log_access(appointment)
    form = CancelForm(request.POST or None)
    candidates = None
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            candidates = cancel_appointment(
                appointment=appointment, reason=form.cleaned_data["reason"], by=request.user
            )
        except BookingError as refused:
            error = refused.message
        else:
            if not request.htmx:
                messages.success(request, "Appointment cancelled.")
                if candidates:
                    messages.info(request, f"{len(candidates)} waitlisted patient(s) could take this slot.")
                return redirect(_back(request, appointment))
    if request.htmx:
        keep = request.method == "GET" and "keep" in request.GET
        return _row(
            request,
            appointment,
            cancel_form=form if candidates is None and not keep else None,
            candidates=candidates,
            error=error,
        )
    return render(
        request, "scheduling/appointment_cancel.html", {"appointment": appointment, "form": form, "error": error}
    )


@permission_required("scheduling.reschedule_appointment")
@require_http_methods(["GET", "POST"])
def appointment_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "move it here?" for the slot chosen in the slot finder; POST moves it."""
    appointment = _get_appointment_for(request, pk, perm="scheduling.reschedule_appointment")
    form = RescheduleForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "That slot could not be read; choose it again.")
        return redirect(appointment.get_absolute_url())
    data = form.cleaned_data
    if request.method == "GET":
        log_access(appointment)
        context = {
            "appointment": appointment,
            "form": form,
            "new_start": office_time(data["start"], data["office"].zone),
            "room": Room.objects.filter(pk=data["room"]).first() if data["room"] else None,
        }
        return render(request, "scheduling/appointment_reschedule.html", context)
    try:
        reschedule_appointment(
            appointment=appointment,
            start=data["start"],
            office=data["office"],
            provider=data["provider"],
            room=Room.objects.filter(pk=data["room"]).first() if data["room"] else None,
            reason=data["reason"],
            by=request.user,
        )
    except BookingConflict as conflict:
        log_access(appointment)
        return render(
            request,
            "scheduling/reschedule_conflict.html",
            {"appointment": appointment, "conflict": conflict},
            status=409,
        )
    except BookingError as refused:
        messages.error(request, refused.message)
        return redirect(appointment.get_absolute_url())
    messages.success(request, f"Moved to {appointment.local_start:%a %-d %b %-I:%M %p} at {appointment.office}.")
    return redirect(appointment.get_absolute_url())
