"""Lookups every scheduling view shares: one getter per object, asking clinic.access's questions."""

import datetime
from collections.abc import Iterable

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from clinic.access import get_for
from clinic.dates import parse_url_day
from clinic.models import Office
from intake.models import Patient
from scheduling.models import Appointment

VIEW = "scheduling.view_appointment"


def _get_appointment_for(request: HttpRequest, pk: int, *, perm: str = VIEW) -> Appointment:
    """The appointment, if the user may use it for ``perm`` (see clinic.access.get_for)."""
    return get_for(request, Appointment.objects.with_calendar_details(), perm=perm, pk=pk)


def _get_patient_for(request: HttpRequest, pk: int | str) -> Patient:
    return get_for(request, Patient.objects.select_related("contact_preference"), perm="intake.view_patient", pk=pk)


def _get_office(slug: str, among: Iterable[Office] | None = None) -> Office:
    """The active office of that slug; from ``among`` (the active offices a view reads anyway) if given."""
    if among is None:
        return get_object_or_404(Office, slug=slug, is_active=True)
    for office in among:
        if office.slug == slug:
            return office
    raise Http404("No office matches the given query.")


def parse_day(value: str) -> datetime.date:
    return parse_url_day(value)


def home_office_of(request: HttpRequest) -> Office | None:
    profile = getattr(request.user, "staff_profile", None)
    if profile is not None and profile.home_office_id:
        return profile.home_office
    return Office.objects.filter(is_active=True).first()
