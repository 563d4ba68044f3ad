"""Self-booking: pick an office and a visit, then a free time; or ask to move a visit.

Whether the booking is made at once or waits for the front desk is each office's
policy (scheduling.OfficeBookingPolicy). A time taken while the patient was
choosing gets a clear message, the next free times, and the note they typed.
"""

import datetime
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from clinic.audit import log_access
from clinic.dates import office_time
from clinic.validators import format_phone
from portal.access import own_appointment, patient_required
from portal.forms import BookingChoiceForm, TimeChoiceForm, parse_start
from scheduling.exceptions import BookingConflict, BookingError
from scheduling.models import Appointment, AppointmentType, OfficeBookingPolicy
from scheduling.services.self_booking import patient_asks_to_move, patient_books, policy_for, portal_slots
from scheduling.services.slots import Slot


def _by_day(slots: list[Slot]) -> list[tuple[datetime.date, list[Slot]]]:
    return [(day, list(group)) for day, group in groupby(slots, key=lambda s: s.local_start.date())]


def _policies() -> list[OfficeBookingPolicy]:
    return list(OfficeBookingPolicy.objects.open_to_patients().order_by("office__name"))


@patient_required
@require_GET
def book(request: HttpRequest) -> HttpResponse:
    patient = request.patient
    log_access(patient)
    policies = _policies()
    if not policies:
        return render(request, "portal/book_closed.html", {"office": patient.preferred_office})
    initial: dict[str, Any] = {}
    office_slugs = [p.office.slug for p in policies]
    if patient.preferred_office and patient.preferred_office.slug in office_slugs:
        initial["office"] = patient.preferred_office.slug
    form = BookingChoiceForm(request.GET if "office" in request.GET else None, policies=policies, initial=initial)
    days: list = []
    chosen = None
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data
        slots = portal_slots(policy=chosen["office"], appointment_type=chosen["type"], patient=patient)
        days = _by_day(slots)
    return render(request, "portal/book.html", {"form": form, "days": days, "chosen": chosen})


def _chosen(request: HttpRequest) -> tuple[OfficeBookingPolicy, AppointmentType] | None:
    source = request.POST if request.method == "POST" else request.GET
    policies = _policies()
    form = BookingChoiceForm({"office": source.get("office", ""), "type": source.get("type", "")}, policies=policies)
    if not policies or not form.is_valid():
        return None
    return form.cleaned_data["office"], form.cleaned_data["type"]


def _offer_alternatives(form: TimeChoiceForm, conflict: BookingConflict) -> None:
    """Keep what was typed, drop the lost time, and offer the next free ones as choices."""
    form.data = form.data.copy()
    form.data.pop("start", None)
    form.alternatives = _by_day(conflict.next_slots)
    form.add_error(None, _("Sorry, that time has just been taken. Please choose another time below."))


@patient_required
@require_http_methods(["GET", "POST"])
def book_confirm(request: HttpRequest) -> HttpResponse:
    patient = request.patient
    log_access(patient)
    chosen = _chosen(request)
    if chosen is None:
        messages.info(request, _("Please choose an office and a visit first."))
        return redirect("portal:book")
    policy, appointment_type = chosen
    label = _("Book this time") if policy.is_instant else _("Send my request")
    form = TimeChoiceForm(request.POST or None, initial={"start": request.GET.get("start", "")}, submit_label=label)
    form.alternatives = []
    if request.method == "POST" and form.is_valid():
        try:
            made = patient_books(
                patient=patient,
                appointment_type=appointment_type,
                office=policy.office,
                start=form.cleaned_data["start"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except BookingConflict as conflict:
            _offer_alternatives(form, conflict)
        except BookingError as refused:
            form.add_error(None, _("This time cannot be booked online: %(reason)s") % {"reason": refused.message})
        else:
            if isinstance(made, Appointment):
                messages.success(request, _("You are booked. Please read how to prepare below."))
                return redirect("portal:appointment", pk=made.pk)
            messages.success(request, _("Your request is sent. We will let you know when the clinic has answered."))
            return redirect("portal:home")
    start = _start_of(form)
    return render(
        request,
        "portal/book_confirm.html",
        {
            "form": form,
            "policy": policy,
            "office": policy.office,
            "appointment_type": appointment_type,
            "start": office_time(start, policy.office.zone) if start else None,
            "alternatives": form.alternatives,
            "query": {"office": policy.office.slug, "type": appointment_type.code},
        },
    )


def _start_of(form: TimeChoiceForm) -> datetime.datetime | None:
    if form.alternatives:
        return None
    return parse_start(form.data.get("start") if form.is_bound else form.initial.get("start"))


@patient_required
@require_http_methods(["GET", "POST"])
def appointment_move(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = own_appointment(request, pk)
    log_access(appointment)
    policy = policy_for(appointment.office)
    if policy is None or not appointment.is_movable:
        messages.info(
            request,
            _("Please call %(office)s at %(phone)s to move this appointment.")
            % {"office": appointment.office.name, "phone": format_phone(appointment.office.phone)},
        )
        return redirect("portal:appointment", pk=appointment.pk)
    form = TimeChoiceForm(
        request.POST or None, initial={"start": request.GET.get("start", "")}, submit_label=_("Ask for this time")
    )
    form.alternatives = []
    if request.method == "POST" and form.is_valid():
        try:
            patient_asks_to_move(
                appointment=appointment,
                start=form.cleaned_data["start"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except BookingConflict as conflict:
            _offer_alternatives(form, conflict)
        except BookingError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("Your request is sent. Your current time stays booked until the clinic answers.")
            )
            return redirect("portal:appointment", pk=appointment.pk)
    start = _start_of(form)
    days = []
    if start is None and not form.alternatives:
        days = _by_day(
            portal_slots(
                policy=policy,
                appointment_type=appointment.appointment_type,
                patient=request.patient,
                exclude=appointment,
            )
        )
    return render(
        request,
        "portal/appointment_move.html",
        {
            "appointment": appointment,
            "form": form,
            "days": days,
            "start": office_time(start, appointment.office.zone) if start else None,
            "alternatives": form.alternatives,
        },
    )
