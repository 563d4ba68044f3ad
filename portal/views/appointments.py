"""The portal home and the patient's appointments: read, confirm, cancel."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from clinic.audit import log_access
from intake.models import SymptomScore
from portal.access import own_appointment, own_booking_request, patient_required
from portal.forms import CancelForm
from scheduling.exceptions import BookingError
from scheduling.models import Appointment, BookingRequest, OfficeBookingPolicy, Status
from scheduling.services import cancel_appointment, change_status
from scheduling.services.self_booking import RequestAlreadyDecided, policy_for, withdraw_request

# How many past visits the home page lists; older ones are in the clinic's records.
PAST_ROWS = 10
# Decided requests stay on the home page for this long, so the patient sees the outcome.
RECENT_REQUEST_DAYS = 14


@patient_required
def home(request: HttpRequest) -> HttpResponse:
    """Five queries whatever the patient's history: upcoming, past, requests, booking policies, symptom scores."""
    patient = request.patient
    log_access(patient)
    now = timezone.now()
    mine = Appointment.objects.filter(patient=patient).select_related("appointment_type", "office")
    upcoming = list(mine.upcoming(now).order_by("start"))
    past = list(mine.filter(start__lt=now).exclude(pk__in=[a.pk for a in upcoming]).order_by("-start")[:PAST_ROWS])
    since = now - datetime.timedelta(days=RECENT_REQUEST_DAYS)
    requests = [
        r
        for r in BookingRequest.objects.for_patient(patient).exclude(status=BookingRequest.Status.WITHDRAWN)
        if r.is_pending or (r.decided_at and r.decided_at >= since)
    ]
    can_book = OfficeBookingPolicy.objects.open_to_patients().exists()
    # Clinic policy: the symptom questionnaire is asked before the first visit (the baseline).
    ask_baseline = not SymptomScore.objects.filter(patient=patient).exists()
    context = {
        "patient": patient,
        "upcoming": upcoming,
        "past": past,
        "requests": requests,
        "can_book": can_book,
        "ask_baseline": ask_baseline,
    }
    return render(request, "portal/home.html", context)


@patient_required
def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = own_appointment(request, pk)
    log_access(appointment)
    is_future = appointment.start > timezone.now()
    pending_move = (
        BookingRequest.objects.pending()
        .filter(appointment=appointment, kind=BookingRequest.Kind.RESCHEDULE)
        .select_related("office")
        .first()
    )
    return render(
        request,
        "portal/appointment.html",
        {
            "appointment": appointment,
            "can_confirm": is_future and appointment.status == Status.BOOKED,
            "can_change": is_future and appointment.is_movable,
            "can_ask_move": is_future and appointment.is_movable and policy_for(appointment.office) is not None,
            "pending_move": pending_move,
        },
    )


@patient_required
@require_POST
def appointment_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = own_appointment(request, pk)
    log_access(appointment)
    if appointment.start <= timezone.now():
        messages.error(request, _("This appointment has already started."))
    else:
        try:
            change_status(appointment=appointment, status=Status.CONFIRMED, by=request.user)
        except BookingError:
            messages.error(request, _("This appointment can no longer be confirmed; please call us."))
        else:
            messages.success(request, _("Thank you: your appointment is confirmed."))
    return redirect("portal:appointment", pk=appointment.pk)


@patient_required
@require_http_methods(["GET", "POST"])
def appointment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = own_appointment(request, pk)
    log_access(appointment)
    if not appointment.is_movable or appointment.start <= timezone.now():
        messages.error(request, _("This appointment can no longer be cancelled online; please call us."))
        return redirect("portal:appointment", pk=appointment.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_appointment(appointment=appointment, reason=form.reason_text(), by=request.user)
        except BookingError:
            messages.error(request, _("This appointment can no longer be cancelled online; please call us."))
        else:
            messages.success(request, _("Your appointment is cancelled. Book again whenever you are ready."))
        return redirect("portal:appointment", pk=appointment.pk)
    return render(request, "portal/appointment_cancel.html", {"appointment": appointment, "form": form})


@patient_required
@require_POST
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    booking_request = own_booking_request(request, pk)
    log_access(booking_request)
    try:
        withdraw_request(booking_request=booking_request)
    except RequestAlreadyDecided:
        messages.info(request, _("The clinic has already answered this request."))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("portal:home")
