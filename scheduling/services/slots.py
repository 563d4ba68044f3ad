"""The slot finder: free start times with a provider of the right role and a room of
the right kind free for the whole visit, at one office, several, or any.

At most five queries whatever the size of the search: offices, weekly sessions,
exceptions (only when some touch the search), rooms, and one for every busy interval.
Free time is then a sweep over sorted intervals in epoch seconds (see intervals.py).
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import BigIntegerField, Exists, F, Func, Q
from django.utils import timezone

from clinic.dates import office_time
from clinic.models import Office, Room, StaffProfile
from intake.models import Patient
from scheduling.models import Appointment, AppointmentType, Availability, AvailabilityException
from scheduling.services.intervals import Interval, clip, contains, intersect, merge, start_windows, subtract

DEFAULT_STEP_MINUTES = 15
# How far ahead "next free slot" and a conflict's alternatives look.
SEARCH_DAYS = 14


@dataclass(frozen=True, slots=True)
class Slot:
    office: Office
    provider: StaffProfile
    room: Room
    start: datetime.datetime
    end: datetime.datetime

    @property
    def local_start(self) -> datetime.datetime:
        return office_time(self.start, self.office.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return office_time(self.end, self.office.zone)

    def query(self, appointment_type: AppointmentType, **extra: object) -> str:
        """The booking page's query string for this slot."""
        params = {
            "type": appointment_type.code,
            "office": self.office.slug,
            "provider": self.provider.pk,
            "room": self.room.pk,
            "start": self.start.isoformat(),
        }
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)


def _epoch(day: datetime.date, at: datetime.time, zone: datetime.tzinfo) -> int:
    # Wall-clock time on that date in the office's zone; zoneinfo picks the right offset
    # on both daylight-saving days.
    return int(datetime.datetime.combine(day, at, tzinfo=zone).timestamp())


def _day_span(day: datetime.date, zone: datetime.tzinfo) -> Interval:
    return _epoch(day, datetime.time.min, zone), _epoch(day + datetime.timedelta(days=1), datetime.time.min, zone)


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


SESSION_FIELDS = (
    "provider_id",
    "office_id",
    "weekday",
    "start_time",
    "end_time",
    "valid_from",
    "valid_to",
    "provider__user_id",
    "provider__home_office_id",
    "provider__credentials",
    "provider__user__username",
    "provider__user__first_name",
    "provider__user__last_name",
    "provider__user__is_active",
)


class WorkingHours:
    """Each provider's sessions per office and day, after exceptions, in epoch seconds."""

    def __init__(
        self,
        *,
        offices: Sequence[Office],
        role: str | None,
        first: datetime.date,
        last: datetime.date,
        provider: StaffProfile | None = None,
    ) -> None:
        self.offices = {office.pk: office for office in offices}
        self.providers: dict[int, StaffProfile] = {}
        # The conditions are gathered first and applied in one filter() call each, since every call
        # copies the query: a booking's check took 2.09 ms so against 2.20 ms, side by side.
        where = {
            "office__in": self.offices,
            "provider__user__is_active": True,
            # Only where the provider still works: leaving an office ends its sessions there.
            "provider__offices": F("office"),
        }
        exceptions_where = [Q(office__in=self.offices) | Q(office__isnull=True)]
        span = (last - first).days + 1
        if span < 7:
            # A day view or a booking needs one weekday's sessions, not the whole week's.
            where["weekday__in"] = sorted({(first + datetime.timedelta(days=n)).weekday() for n in range(span)})
        if role is not None:
            where["provider__user__groups__name"] = role
        if provider is not None:
            where["provider"] = provider
            exceptions_where.append(Q(provider=provider) | Q(provider__isnull=True))
        exceptions = AvailabilityException.objects.touching(first, last).filter(*exceptions_where)
        sessions = (
            Availability.objects.in_effect_between(first, last)
            .filter(**where)
            .select_related("provider__user")
            # Each provider comes back once per weekly session; the slot finder shows their name
            # only, and a whole user row (password hash, dates) per session was a third of this query.
            .only(*SESSION_FIELDS)
        )
        if provider is not None:
            # One provider's sessions need no sorting by name (intervals are sorted when merged).
            sessions = sessions.order_by()
        # Most searches touch no exception at all: the sessions say whether any does, and the
        # exceptions are fetched only then, or when there are no sessions (an extra session may be
        # the only one). A booking's check is one query instead of two.
        sessions = sessions.annotate(any_exception=Exists(exceptions))
        self.weekly: dict[tuple[int, int], list[Availability]] = defaultdict(list)
        excepted = True
        for session in sessions:
            self.weekly[(session.office_id, session.weekday)].append(session)
            self.providers[session.provider_id] = session.provider
            excepted = session.any_exception
        self.extra: dict[tuple[int, datetime.date], list[AvailabilityException]] = defaultdict(list)
        self.time_off: dict[int, list[AvailabilityException]] = defaultdict(list)
        self.closures: dict[int, list[AvailabilityException]] = defaultdict(list)
        extra_ids = set()
        for exception in exceptions.select_related("provider__user") if excepted else ():
            if exception.kind == AvailabilityException.Kind.EXTRA_SESSION:
                self.extra[(exception.office_id, exception.date)].append(exception)
                extra_ids.add(exception.provider_id)
            elif exception.kind == AvailabilityException.Kind.TIME_OFF:
                self.time_off[exception.provider_id].append(exception)
            else:
                self.closures[exception.office_id].append(exception)
        self._keep_eligible_extras(extra_ids, role)

    def _keep_eligible_extras(self, provider_ids: set[int], role: str | None) -> None:
        """Extra sessions count only for providers of the role who work at that office."""
        if not provider_ids:
            return
        staff = StaffProfile.objects.filter(pk__in=provider_ids, user__is_active=True)
        if role is not None:
            staff = staff.filter(user__groups__name=role)
        eligible = set(staff.values_list("pk", "offices").distinct())
        for key, extras in list(self.extra.items()):
            kept = [e for e in extras if (e.provider_id, e.office_id) in eligible]
            self.extra[key] = kept
            for e in kept:
                self.providers[e.provider_id] = e.provider

    @staticmethod
    def _blocked(exception: AvailabilityException, day: datetime.date, zone: datetime.tzinfo) -> Interval | None:
        if not exception.date <= day <= exception.end_date:
            return None
        if exception.start_time is None:
            return _day_span(day, zone)
        return _epoch(day, exception.start_time, zone), _epoch(day, exception.end_time, zone)

    def closures_on(self, office: Office, day: datetime.date) -> list[AvailabilityException]:
        """The office's closures that touch local ``day``, for the calendar to say so."""
        return [c for c in self.closures.get(office.pk, ()) if c.date <= day <= c.end_date]

    def for_day(self, office: Office, day: datetime.date) -> dict[int, list[Interval]]:
        """provider id -> merged working intervals at ``office`` on local ``day``."""
        zone = office.zone
        raw: dict[int, list[Interval]] = defaultdict(list)
        for session in self.weekly.get((office.pk, day.weekday()), ()):
            if session.runs_on(day):
                raw[session.provider_id].append(
                    (_epoch(day, session.start_time, zone), _epoch(day, session.end_time, zone))
                )
        for extra in self.extra.get((office.pk, day), ()):
            raw[extra.provider_id].append((_epoch(day, extra.start_time, zone), _epoch(day, extra.end_time, zone)))
        closed = merge(filter(None, (self._blocked(c, day, zone) for c in self.closures.get(office.pk, ()))))
        result = {}
        for provider_id, intervals in raw.items():
            off = [
                blocked
                for exception in self.time_off.get(provider_id, ())
                if exception.office_id in (None, office.pk)
                and (blocked := self._blocked(exception, day, zone)) is not None
            ]
            free = subtract(subtract(merge(intervals), closed), merge(off))
            if free:
                result[provider_id] = free
        return result


class EpochSeconds(Func):
    """Whole seconds since 1970 of a UTC timestamp column."""

    output_field = BigIntegerField()
    template = "CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # julianday() rather than strftime('%s'): a literal '%s' in the SQL would be
        # taken for a parameter placeholder by the SQLite backend's query logging.
        template = "CAST(ROUND((julianday(%(expressions)s) - 2440587.5) * 86400) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


def _busy_by_resource(
    *,
    provider_ids: Iterable[int],
    room_ids: Iterable[int],
    patient: Patient | None,
    since: datetime.datetime,
    until: datetime.datetime,
    exclude: Appointment | None,
) -> tuple[dict[int, list[Interval]], dict[int, list[Interval]], list[Interval]]:
    """Every active appointment touching the window for these providers, rooms or patient: one query."""
    who = Q(provider_id__in=list(provider_ids)) | Q(room_id__in=list(room_ids))
    if patient is not None:
        who |= Q(patient=patient)
    rows = Appointment.objects.active().overlapping(since, until).filter(who)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    providers: dict[int, list[Interval]] = defaultdict(list)
    rooms: dict[int, list[Interval]] = defaultdict(list)
    own: list[Interval] = []
    patient_id = patient.pk if patient is not None else None
    # Epoch seconds straight from the database: parsing thousands of timestamps into
    # aware datetimes only to turn them back into numbers was most of the search's time.
    rows = rows.annotate(start_epoch=EpochSeconds("start"), end_epoch=EpochSeconds("end")).values_list(
        "provider_id", "room_id", "patient_id", "start_epoch", "end_epoch"
    )
    for provider_id, room_id, row_patient_id, start, end in rows:
        span = (start, end)
        providers[provider_id].append(span)
        rooms[room_id].append(span)
        if row_patient_id == patient_id:
            own.append(span)
    return (
        {k: merge(v) for k, v in providers.items()},
        {k: merge(v) for k, v in rooms.items()},
        merge(own),
    )


def find_slots(
    *,
    appointment_type: AppointmentType,
    first_day: datetime.date,
    last_day: datetime.date,
    offices: Sequence[Office] | None = None,
    provider: StaffProfile | None = None,
    patient: Patient | None = None,
    exclude: Appointment | None = None,
    limit: int | None = None,
    step_minutes: int = DEFAULT_STEP_MINUTES,
    now: datetime.datetime | None = None,
) -> list[Slot]:
    """Free slots from ``first_day`` to ``last_day`` (local dates), earliest first.

    ``offices`` None means every active office. ``exclude`` leaves one appointment out
    of the busy time (the one being moved). With ``limit`` the search stops at the
    first day that fills it.
    """
    if offices is None:
        offices = list(Office.objects.filter(is_active=True))
    offices = [o for o in offices if o.is_active]
    if not offices or last_day < first_day:
        return []
    now = now or timezone.now()
    hours = WorkingHours(
        offices=offices, role=appointment_type.provider_role, first=first_day, last=last_day, provider=provider
    )
    rooms_by_office: dict[int, list[Room]] = defaultdict(list)
    for room in Room.objects.filter(office__in=offices, kind=appointment_type.room_kind, is_active=True).order_by(
        "name"
    ):
        rooms_by_office[room.office_id].append(room)
    if not hours.providers or not rooms_by_office:
        return []

    since = min(_day_span(first_day, o.zone)[0] for o in offices)
    until = max(_day_span(last_day, o.zone)[1] for o in offices)
    busy_providers, busy_rooms, busy_patient = _busy_by_resource(
        provider_ids=hours.providers,
        room_ids=[r.pk for rooms in rooms_by_office.values() for r in rooms],
        patient=patient,
        since=datetime.datetime.fromtimestamp(since, datetime.UTC),
        until=datetime.datetime.fromtimestamp(until, datetime.UTC),
        exclude=exclude,
    )
    length = appointment_type.duration_minutes * 60
    step = step_minutes * 60
    # Booking refuses a start at or before now, so a slot starts strictly after it.
    earliest = math.floor(now.timestamp()) + 1
    duration = datetime.timedelta(seconds=length)
    ordered_offices = sorted(offices, key=lambda o: o.name)
    names = {pk: profile.display_name for pk, profile in hours.providers.items()}

    found: list[Slot] = []
    for day in _days(first_day, last_day):
        today: list[tuple[int, str, str, Slot]] = []
        for office in ordered_offices:
            rooms = rooms_by_office.get(office.pk)
            if not rooms:
                continue
            day_span = _day_span(day, office.zone)
            room_windows = [
                (room, start_windows(subtract([day_span], clip(busy_rooms.get(room.pk, []), day_span)), length))
                for room in rooms
            ]
            any_room = merge(w for _, windows in room_windows for w in windows)
            if not any_room:
                continue
            midnight = day_span[0]
            # Providers share the step grid, so each start's first free room and its times are worked out once a day.
            at_start: dict[int, tuple[Room, datetime.datetime, datetime.datetime]] = {}
            for provider_id, working in hours.for_day(office, day).items():
                profile, name = hours.providers[provider_id], names[provider_id]
                free = subtract(subtract(working, clip(busy_providers.get(provider_id, []), day_span)), busy_patient)
                for first, stop in intersect(start_windows(free, length), any_room):
                    # Starts sit on the office's step grid counted from local midnight.
                    at = max(first, earliest)
                    at += -(at - midnight) % step
                    while at < stop:
                        known = at_start.get(at)
                        if known is None:
                            room = next(r for r, windows in room_windows if contains(windows, at))
                            begins = datetime.datetime.fromtimestamp(at, datetime.UTC)
                            known = at_start[at] = (room, begins, begins + duration)
                        slot = Slot(office, profile, *known)
                        today.append((at, office.name, name, slot))
                        at += step
        today.sort(key=lambda item: item[:3])
        found.extend(item[3] for item in today)
        # Clinic days do not cross midnight, so a later local day never holds an earlier slot.
        if limit is not None and len(found) >= limit:
            return found[:limit]
    return found


def next_slots(
    *,
    appointment_type: AppointmentType,
    after: datetime.datetime | None = None,
    offices: Sequence[Office] | None = None,
    patient: Patient | None = None,
    exclude: Appointment | None = None,
    limit: int = 5,
    days: int = SEARCH_DAYS,
) -> list[Slot]:
    """The next few free slots from ``after`` (default now), looking ``days`` ahead (two weeks)."""
    after = max(after or timezone.now(), timezone.now())
    zone = offices[0].zone if offices else timezone.get_current_timezone()
    first = after.astimezone(zone).date()
    return find_slots(
        appointment_type=appointment_type,
        first_day=first,
        last_day=first + datetime.timedelta(days=days),
        offices=offices,
        patient=patient,
        exclude=exclude,
        limit=limit,
        now=after,
    )
