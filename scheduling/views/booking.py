"""Finding a slot and booking it, from the calendar, a patient's chart or a screening."""

import datetime
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clinic.access import permission_required
from clinic.audit import log_access
from clinic.dates import office_time
from clinic.models import Room
from intake.models import Patient
from scheduling.exceptions import BookingConflict, BookingError
from scheduling.forms import BookingForm, PatientSearchForm, SlotSearchForm
from scheduling.models import Appointment, WaitlistEntry
from scheduling.services import book_appointment, find_slots
from scheduling.services.desk_checks import same_patient_warnings
from scheduling.views.common import VIEW, _get_appointment_for, _get_patient_for

SLOT_LIMIT = 60


def _screening_patient(screening_id: str | None) -> tuple[Any, Patient | None]:
    """The screening a booking started from, and its registered patient if any.

    Read by attribute only, so scheduling does not depend on intake's screening model.
    """
    if not screening_id or not (screening_id.isascii() and screening_id.isdigit()):
        return None, None
    try:
        model = apps.get_model("intake", "ScreeningSubmission")
    except LookupError:
        return None, None
    screening = model.objects.filter(pk=int(screening_id)).first()
    return screening, getattr(screening, "patient", None) if screening is not None else None


def _number(raw: str | None) -> int:
    """An id from a form field; anything else is 0, which matches no row."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


def _patient_from(request: HttpRequest) -> tuple[Patient | None, Any]:
    raw = request.GET.get("patient") or request.POST.get("patient")
    screening, from_screening = _screening_patient(request.GET.get("screening") or request.POST.get("screening"))
    if raw and str(raw).isascii() and str(raw).isdigit():
        return _get_patient_for(request, raw), screening
    return from_screening, screening


def _moving(request: HttpRequest) -> Appointment | None:
    raw = request.GET.get("appointment")
    if raw and raw.isascii() and raw.isdigit():
        return _get_appointment_for(request, int(raw))
    return None


@permission_required(VIEW)
@require_http_methods(["GET"])
def slot_finder(request: HttpRequest) -> HttpResponse:
    patient, screening = _patient_from(request)
    moving = _moving(request)
    initial_type = moving.appointment_type.code if moving else None
    data = request.GET.copy()
    if initial_type and "type" not in data:
        data["type"] = initial_type
    form = SlotSearchForm(data if "type" in data else None, initial={"office": "any", "days": 14})
    slots = None
    if form.is_valid():
        first = form.cleaned_data["first_day"]
        slots = find_slots(
            appointment_type=form.cleaned_data["type"],
            first_day=first,
            last_day=first + datetime.timedelta(days=form.cleaned_data["days"] - 1),
            offices=form.offices(),
            patient=patient or (moving.patient if moving else None),
            exclude=moving,
            limit=SLOT_LIMIT,
        )
        if moving is not None:
            # Its own time is free only because it is left out of the busy time: not a move.
            slots = [s for s in slots if not moving.occupies(s)]
    if patient is not None:
        log_access(patient)
    context = {
        "form": form,
        "slots": slots,
        "patient": patient,
        "screening": screening,
        "moving": moving,
        "slot_limit": SLOT_LIMIT,
        "carry": {"patient": patient.pk if patient else "", "screening": getattr(screening, "pk", "")},
    }
    return render(request, "scheduling/slot_finder.html", context)


def _patient_matches(query: str) -> list[Patient]:
    digits = "".join(c for c in query if c.isdigit())
    match = Q(last_name__istartswith=query) | Q(first_name__istartswith=query)
    if " " in query:
        first, _, last = query.partition(" ")
        match |= Q(first_name__istartswith=first, last_name__istartswith=last.strip())
    if len(digits) >= 4:
        match |= Q(phone__contains=digits)
    return list(Patient.objects.filter(match).order_by("last_name", "first_name")[:20])


@permission_required("scheduling.add_appointment")
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    form = BookingForm(source)
    patient, screening = _patient_from(request)
    search = PatientSearchForm(request.GET if "q" in request.GET else None)
    matches = _patient_matches(search.cleaned_data["q"]) if search.is_valid() else []
    conflict: BookingConflict | None = None
    warnings: list[str] = []
    room = None
    slot_start = None
    if form.is_valid():
        slot_start = office_time(form.cleaned_data["start"], form.cleaned_data["office"].zone)
        room = Room.objects.filter(pk=form.cleaned_data["room"]).first() if form.cleaned_data["room"] else None
        if request.method == "POST" and patient is None:
            form.add_error(None, "Choose the patient first.")
        elif (
            request.method == "POST"
            and not request.POST.get("book_anyway")
            and (
                warnings := same_patient_warnings(
                    patient=patient,
                    appointment_type=form.cleaned_data["type"],
                    office=form.cleaned_data["office"],
                    start=form.cleaned_data["start"],
                )
            )
        ):
            pass  # shown with a "Book anyway" box on the same form
        elif request.method == "POST":
            waitlist_entry = WaitlistEntry.objects.filter(pk=_number(request.POST.get("waitlist"))).first()
            try:
                appointment = book_appointment(
                    patient=patient,
                    appointment_type=form.cleaned_data["type"],
                    office=form.cleaned_data["office"],
                    start=form.cleaned_data["start"],
                    provider=form.cleaned_data["provider"],
                    room=room,
                    notes=form.cleaned_data["notes"],
                    waitlist_entry=waitlist_entry,
                    by=request.user,
                )
            except BookingConflict as error:
                conflict = error
            except BookingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    f"Booked {appointment.appointment_type} for {patient.full_name}, "
                    f"{appointment.local_start:%a %-d %b %-I:%M %p} at {appointment.office}.",
                )
                return redirect(
                    reverse(
                        "scheduling:office_day",
                        kwargs={"slug": appointment.office.slug, "day": appointment.local_start.date().isoformat()},
                    )
                    + f"#appointment-{appointment.pk}"
                )
    if patient is not None:
        log_access(patient)
    context = {
        "form": form,
        "patient": patient,
        "screening": screening,
        "search": search,
        "matches": matches,
        "conflict": conflict,
        "warnings": warnings,
        # A suggested time after a conflict keeps the patient (posted, not in the address).
        "carry": {"patient": patient.pk if patient else "", "screening": getattr(screening, "pk", "")},
        "room": room,
        "slot_start": slot_start,
    }
    status = 409 if conflict else 200
    return render(request, "scheduling/book.html", context, status=status)
