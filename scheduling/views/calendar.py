"""The front desk's calendar: an office's day by provider or room, a provider's week."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clinic.access import permission_required
from clinic.models import Office, Room, StaffProfile
from scheduling.audit import log_access_to_patients
from scheduling.calendar import AppointmentRows, build_day_grid, office_day_summaries
from scheduling.forms import CalendarJumpForm
from scheduling.models import Appointment, AppointmentType, local_day_bounds
from scheduling.services.slots import WorkingHours
from scheduling.views.common import VIEW, _get_office, home_office_of, parse_day


@permission_required(VIEW)
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The desk's way in, and where the day view's office and date pickers submit to."""
    form = CalendarJumpForm(request.GET or None, offices=Office.objects.filter(is_active=True))
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["day"] or timezone.localdate()
        office = form.cleaned_data["office"]
        if office is None:
            return redirect("scheduling:offices_day", day=day.isoformat())
        return redirect("scheduling:office_day", slug=office.slug, day=day.isoformat())
    office = home_office_of(request)
    if office is None:
        return render(request, "scheduling/no_offices.html")
    return redirect("scheduling:office_day", slug=office.slug, day=timezone.localdate().isoformat())


@permission_required(VIEW)
@require_GET
def offices_day(request: HttpRequest, day: str) -> HttpResponse:
    """Every office's day in one table, so the desk sees where a provider or a free hour is."""
    date = parse_day(day)
    offices = Office.objects.filter(is_active=True).order_by("name")
    context = {
        "day": date,
        "rows": office_day_summaries(list(offices), date),
        "previous_day": date - datetime.timedelta(days=1),
        "next_day": date + datetime.timedelta(days=1),
        "today": timezone.localdate(),
        "jump": CalendarJumpForm(initial={"day": date}, offices=offices),
    }
    return render(request, "scheduling/offices_day.html", context)


@permission_required(VIEW)
@require_GET
def office_day(request: HttpRequest, slug: str, day: str) -> HttpResponse:
    # The office picker lists the active offices: read once, for it and for the office shown (one
    # query fewer; an empty day's page took 13.2 ms so against 13.8 ms, same process, alternating).
    offices = Office.objects.filter(is_active=True)
    office = _get_office(slug, among=offices)
    date = parse_day(day)
    by = "room" if request.GET.get("by") == "room" else "provider"
    # Every appointment type, read once: the "next free slot" form lists the active ones, and each
    # row takes its own from here rather than joined to it (100 copies of a few types): bench P2's
    # appointments and types read in 5.7-6.0 ms so against 6.8-7.3 ms joined (same process, alternating).
    types = list(AppointmentType.objects.all())
    by_pk = {kind.pk: kind for kind in types}
    appointments = list(Appointment.objects.with_row_details(with_type=False).for_office_day(office, date))
    for appointment in appointments:
        appointment.office = office
        appointment.appointment_type = by_pk[appointment.appointment_type_id]
    hours = WorkingHours(offices=[office], role=None, first=date, last=date)
    working = hours.for_day(office, date)
    if by == "room":
        rooms = list(Room.objects.filter(office=office, is_active=True).order_by("kind", "name"))
        columns = [(room.pk, room.name) for room in rooms]
        column_working: dict[int, list[tuple[int, int]]] = {}
    else:
        staff = {a.provider_id: a.provider for a in appointments}
        # Who works today without a booking yet: the working hours already fetched them.
        staff.update({pk: hours.providers[pk] for pk in working if pk not in staff})
        columns = sorted(((pk, p.display_name) for pk, p in staff.items()), key=lambda c: c[1])
        column_working = working
    grid = build_day_grid(
        office=office, day=date, appointments=appointments, columns=columns, working=column_working, by=by
    )
    log_access_to_patients(appointments)
    row = AppointmentRows()
    rows = [row(a) for a in appointments]
    first, _ = local_day_bounds(date, office.zone)
    context = {
        "office": office,
        "day": date,
        "by": by,
        "grid": grid,
        "rows": rows,
        # What the row template shows for one row after an htmx action, none of it on the day view:
        # named here, because a name missing from the context is looked up the slow way (an
        # exception and a dir() of the context) once for every row.
        "error": None,
        "cancel_form": None,
        "candidates": None,
        "previous_day": date - datetime.timedelta(days=1),
        "next_day": date + datetime.timedelta(days=1),
        "is_today": date == timezone.localdate(),
        "today": timezone.localdate(),
        "closures": hours.closures_on(office, date),
        "jump": CalendarJumpForm(initial={"office": office, "day": date}, offices=offices),
        "types": [kind for kind in types if kind.is_active],
        "day_start": first,
    }
    return render(request, "scheduling/office_day.html", context)


@permission_required(VIEW)
@require_GET
def provider_week(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    provider = get_object_or_404(StaffProfile.objects.select_related("user", "home_office"), pk=pk)
    date = parse_day(day)
    monday = date - datetime.timedelta(days=date.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    zone = provider.home_office.zone if provider.home_office else timezone.get_current_timezone()
    since, _ = local_day_bounds(days[0], zone)
    _, until = local_day_bounds(days[-1], zone)
    appointments = list(Appointment.objects.with_calendar_details().filter(provider=provider).overlapping(since, until))
    by_day: dict[datetime.date, list[Appointment]] = {d: [] for d in days}
    for appointment in appointments:
        by_day.setdefault(appointment.local_start.date(), []).append(appointment)
    log_access_to_patients(appointments)
    context = {
        "provider": provider,
        "week": [(d, by_day.get(d, [])) for d in days],
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "monday": monday,
    }
    return render(request, "scheduling/provider_week.html", context)
