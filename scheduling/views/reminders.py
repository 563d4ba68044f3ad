"""Reminder pages: the patient's confirm/cancel/reschedule link (no login), the inbound
SMS webhook, and the front desk's failed-reminder list and reminder preferences."""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.access import get_for, permission_required, public
from clinic.audit import log_access
from scheduling.exceptions import BookingError
from scheduling.models import Appointment, Reminder, ReminderStatus, RescheduleRequest, Status
from scheduling.reminders.content import DATE_FORMATS, TIME_FORMATS
from scheduling.reminders.dispatch import preference_of
from scheduling.reminders.forms import ReminderPreferencesForm
from scheduling.reminders.links import LinkInvalid, Purpose, read_token
from scheduling.reminders.sms.twilio import is_signed_by_twilio
from scheduling.services import cancel_appointment, change_status
from scheduling.services.reminders import (
    close_reschedule_request,
    patient_link_actor,
    record_sms_keyword,
    request_reschedule,
    retry_reminder,
)
from scheduling.views.common import _get_patient_for

STOP_WORDS = {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "alto", "parar"}
START_WORDS = {"start", "unstop", "yes"}
ATTENTION_ROWS = 200


# ---------------------------------------------------------------------------
# The patient's link
# ---------------------------------------------------------------------------
def _invalid(request: HttpRequest, error: LinkInvalid) -> HttpResponse:
    return render(
        request,
        "scheduling/reminders/link_invalid.html",
        {"expired": error.expired},
        status=410 if error.expired else 400,
    )


def _act(purpose: str, appointment: Appointment) -> None:
    actor = patient_link_actor()
    with transaction.atomic():
        current = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if purpose == Purpose.CONFIRM and current.status == Status.BOOKED:
            change_status(appointment=current, status=Status.CONFIRMED, by=actor)
        elif purpose == Purpose.CANCEL and current.is_movable:
            cancel_appointment(appointment=current, reason="Cancelled by the patient from a reminder link", by=actor)
        elif purpose == Purpose.RESCHEDULE and current.is_movable:
            request_reschedule(appointment=current)


@public
@require_http_methods(["GET", "POST"])
def reminder_link(request: HttpRequest, purpose: str, token: str) -> HttpResponse:
    """What the message said (office, date, time, phone) and one button; nothing more."""
    try:
        appointment = read_token(token, purpose)
    except LinkInvalid as error:
        return _invalid(request, error)
    if appointment.start <= timezone.now():
        return _invalid(request, LinkInvalid(expired=True))
    if request.method == "POST":
        # A refusal needs no message of its own: the page shows the appointment's state.
        with contextlib.suppress(BookingError):
            _act(purpose, appointment)
        return redirect(request.path)
    log_access(appointment)
    office = appointment.office
    language = appointment.patient.preferred_language
    local = appointment.start.astimezone(office.zone)
    with translation.override(language):
        context = {
            "purpose": purpose,
            "office": office,
            "date": date_format(local, DATE_FORMATS.get(language, DATE_FORMATS["en"])),
            "time": time_format(local, TIME_FORMATS.get(language, TIME_FORMATS["en"])),
            "status": appointment.status,
            "movable": appointment.is_movable,
            "requested": purpose == Purpose.RESCHEDULE
            and appointment.reschedule_requests.filter(handled_at__isnull=True).exists(),
        }
        response = render(request, "scheduling/reminders/link.html", context)
    # Nobody else's browser, cache or referrer should keep this page.
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------------------
# Inbound SMS (STOP / START)
# ---------------------------------------------------------------------------
def _signature_ok(request: HttpRequest) -> bool:
    # Twilio signs the public address it posted to, which the proxy in front of us may not pass on.
    return is_signed_by_twilio(
        url=f"{settings.SITE_URL}{request.get_full_path()}",
        fields=request.POST,
        signature=request.headers.get("X-Twilio-Signature", ""),
        token=settings.SMS_WEBHOOK_SECRET,
    )


@public
@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    if not _signature_ok(request):
        return HttpResponseForbidden("Bad signature.")
    word = request.POST.get("Body", "").strip().lower()
    phone = request.POST.get("From", "").strip()
    if word in STOP_WORDS:
        record_sms_keyword(phone=phone, keyword="stop")
    elif word in START_WORDS:
        record_sms_keyword(phone=phone, keyword="start")
    # An empty reply: the carrier sends the standard STOP/START confirmation itself.
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?><Response/>', content_type="text/xml")


# ---------------------------------------------------------------------------
# The front desk
# ---------------------------------------------------------------------------
@permission_required("scheduling.view_reminder")
@require_GET
def reminder_attention(request: HttpRequest) -> HttpResponse:
    """Failed messages: what the desk has to act on. Reschedule requests have their own queue."""
    from scheduling.audit import log_access_to_patients

    failed = list(Reminder.objects.needing_attention()[:ATTENTION_ROWS])
    log_access_to_patients(failed)
    open_requests = RescheduleRequest.objects.filter(handled_at__isnull=True).count()
    context = {"failed": failed, "open_requests": open_requests}
    return render(request, "scheduling/reminders/attention.html", context)


@permission_required("scheduling.change_reminder")
@require_POST
def reminder_retry(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = get_for(request, Reminder, perm="scheduling.change_reminder", pk=pk, status=ReminderStatus.FAILED)
    retry_reminder(reminder=reminder)
    messages.success(request, "The message will be tried again within a minute.")
    return redirect("scheduling:reminder_attention")


@permission_required("scheduling.change_reschedulerequest")
@require_POST
def reschedule_request_close(request: HttpRequest, pk: int) -> HttpResponse:
    reschedule = get_for(
        request, RescheduleRequest, perm="scheduling.change_reschedulerequest", pk=pk, handled_at__isnull=True
    )
    close_reschedule_request(request=reschedule, by=request.user)
    messages.success(request, "Marked as handled.")
    return redirect("scheduling:reschedule_queue")


@permission_required("scheduling.change_contactpreference")
@require_http_methods(["GET", "POST"])
def reminder_preferences(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk)
    preference = preference_of(patient)
    initial = {
        "channels": preference.channels,
        "language": patient.preferred_language,
        "sms_opted_out": preference.sms_opted_out,
    }
    form = ReminderPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            preference.channels = data["channels"]
            if data["sms_opted_out"] and not preference.sms_opted_out:
                preference.sms_opted_out_at = timezone.now()
            elif not data["sms_opted_out"]:
                preference.sms_opted_out_at = None
            preference.save()
            if patient.preferred_language != data["language"]:
                patient.preferred_language = data["language"]
                patient.save(update_fields=["preferred_language", "updated_at"])
        messages.success(request, _("Reminder preferences saved."))
        return redirect(patient.get_absolute_url())
    log_access(patient)
    return render(
        request, "scheduling/reminders/preferences.html", {"patient": patient, "preference": preference, "form": form}
    )
