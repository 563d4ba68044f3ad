"""Lookups every scheduling view shares: one scoped getter per object."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from clinic.dates import parse_url_day
from clinic.models import Office
from clinic.roles import Role
from scheduling.models import Appointment

STAFF = (Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN)
DESK = (Role.FRONT_DESK, Role.CLINIC_ADMIN)


def _get_appointment_for(request: HttpRequest, pk: int, *, lock: bool = False) -> Appointment:
    """Staff see every office's schedule (the views are behind role_required); others never get here."""
    return get_object_or_404(Appointment.objects.with_calendar_details(), pk=pk)


def _get_office(slug: str) -> Office:
    return get_object_or_404(Office, slug=slug, is_active=True)


def parse_day(value: str) -> datetime.date:
    return parse_url_day(value)


def home_office_of(request: HttpRequest) -> Office | None:
    profile = getattr(request.user, "staff_profile", None)
    if profile is not None and profile.home_office_id:
        return profile.home_office
    return Office.objects.filter(is_active=True).first()
