"""Patients waiting for an earlier slot, oldest request first."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from clinic.access import get_for, permission_required
from clinic.audit import log_access
from scheduling.audit import log_access_to_patients
from scheduling.forms import WaitlistForm
from scheduling.models import WaitlistEntry
from scheduling.views.common import _get_patient_for


@permission_required("scheduling.view_waitlistentry")
@require_http_methods(["GET", "POST"])
def waitlist(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("patient") or request.POST.get("patient")
    patient = _get_patient_for(request, raw) if raw and str(raw).isascii() and str(raw).isdigit() else None
    form = WaitlistForm(request.POST or None) if patient else None
    if request.method == "POST" and form is not None and form.is_valid():
        entry = form.save(commit=False)
        entry.patient = patient
        entry.created_by = request.user
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            form.add_error("appointment_type", f"{patient.full_name} is already waiting for this type.")
        else:
            messages.success(request, f"{patient.full_name} is on the waitlist for {entry.appointment_type}.")
            return redirect("scheduling:waitlist")
    entries = list(WaitlistEntry.objects.waiting().select_related("patient", "office", "appointment_type"))
    log_access_to_patients(entries)
    if patient is not None:
        log_access(patient)
    return render(request, "scheduling/waitlist.html", {"entries": entries, "form": form, "patient": patient})


@permission_required("scheduling.change_waitlistentry")
@require_POST
def waitlist_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_for(request, WaitlistEntry.objects.waiting(), perm="scheduling.change_waitlistentry", pk=pk)
    entry.status = WaitlistEntry.Status.WITHDRAWN
    entry.save(update_fields=["status"])
    messages.success(request, f"{entry.patient.full_name} is off the waitlist.")
    return redirect("scheduling:waitlist")
