"""The office day drawn as SVG: a column per provider or room, blocks by type and status.

Laid out here in Python so the template only places shapes (and stays cheap to
render); SVG presentation attributes keep it within the CSP and printable.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from clinic.models import Office
from scheduling.models import ACTIVE_STATUSES, Appointment, AvailabilityException, Status, local_day_bounds
from scheduling.services.intervals import merge, subtract
from scheduling.services.slots import WorkingHours

PX_PER_MINUTE = 1.1
# The grid is drawn at least this wide and scaled to the page (viewBox, width 100%), so a
# few providers share a 1366 px screen instead of sitting in 150 px columns with cut text.
GRID_WIDTH = 1240
MIN_COLUMN_WIDTH = 150
# Average width of an 11 px label character, to cut labels to what the column holds.
CHAR_WIDTH = 6.4
GUTTER = 56
HEADER = 34
DEFAULT_FIRST_HOUR = 7
DEFAULT_LAST_HOUR = 19

# Outline colours tell the status at a glance; the fill is the appointment type's.
STATUS_STROKES = {
    Status.BOOKED: "#6c757d",
    Status.CONFIRMED: "#0d6efd",
    Status.CHECKED_IN: "#198754",
    Status.COMPLETED: "#212529",
}
# A status's words, looked up in a dict: ``get_status_display()`` hashes the field's choices on every
# call, 3.0 us each; a row and its block asked it 200 times for bench P2's 100 visits (0.30 ms for
# 100 calls against 0.005 ms for 100 look-ups here, same process).
STATUS_LABELS = dict(Status.choices)


def _px(value: float) -> str:
    """SVG coordinates as short strings: the template then skips number localisation, a cost per shape."""
    return f"{value:.1f}".removesuffix(".0")


@dataclass
class Block:
    x: str
    y: str
    width: str
    height: str
    text_x: str
    text_y: str
    fill: str
    stroke: str
    title: str
    time: str
    label: str
    url: str
    status: str

    @property
    def svg(self) -> SafeString:
        """The block's link, outline and words, written here rather than in the grid template,
        where its twelve values were a template variable each: 1,200 variable renders for the
        100 visits of bench P2. The words are escaped as the template would (Django's ``escape``
        is ``html.escape``); the coordinates are numbers written by ``_px``. Same markup, byte for
        byte; the grid of 100 blocks renders in 1.6 ms this way against 6.0 ms with each value a
        template variable (same process, alternating)."""
        return SafeString(
            f'<a href="{escape(self.url)}">\n    <title>{escape(self.title)}</title>\n'
            f'    <rect x="{self.x}" y="{self.y}" width="{self.width}" height="{self.height}" rx="4" '
            f'fill="{escape(self.fill)}" stroke="{escape(self.stroke)}" stroke-width="2"/>\n'
            f'    <text x="{self.text_x}" y="{self.text_y}" font-size="11" fill="#212529">'
            f'<tspan font-weight="600">{escape(self.time)}</tspan> {escape(self.label)}</text>\n'
            "  </a>"
        )


@dataclass
class Column:
    key: int
    label: str
    x: str
    label_x: str
    working: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class DayGrid:
    width: str
    column_width: str
    height: str
    columns: list[Column]
    hours: list[tuple[str, str, str]]
    blocks: list[Block]

    # The columns and hour lines are written here, like a block's markup (see Block.svg), rather than
    # in the grid template, where each of their values was a template variable: some 300 variable
    # renders for a day of 20 providers, booked or not. The same markup, byte for byte; bench P2's grid
    # renders in 0.43 ms this way against 1.17 ms (an empty day's in 0.09 ms against 0.83 ms), same
    # process, alternating.

    @property
    def columns_svg(self) -> SafeString:
        width, height = self.column_width, self.height
        return SafeString(
            "".join(
                f'\n  <g>\n    <rect x="{c.x}" y="34" width="{width}" height="{height}" fill="#f1f3f5"/>\n    '
                + "".join(
                    f'<rect x="{c.x}" y="{top}" width="{width}" height="{span}" fill="#ffffff"/>'
                    for top, span in c.working
                )
                + f'\n    <text x="{c.label_x}" y="22" font-size="12" font-weight="600" fill="#212529">'
                f"{escape(c.label)}</text>\n"
                f'    <line x1="{c.x}" y1="0" x2="{c.x}" y2="{height}" stroke="#dee2e6"/>\n  </g>\n  '
                for c in self.columns
            )
        )

    @property
    def hours_svg(self) -> SafeString:
        return SafeString(
            "".join(
                f'\n  <line x1="50" y1="{y}" x2="{self.width}" y2="{y}" stroke="#dee2e6"/>\n'
                f'  <text x="4" y="{label_y}" font-size="11" fill="#6c757d">{escape(label)}</text>\n  '
                for y, label_y, label in self.hours
            )
        )


# Any id the URL converters accept and no real row has; stands in for the id when reversing once.
_PLACEHOLDER_PK = 2_147_483_646


class PkUrl:
    """A URL by name and one id, reversed once and filled in per row (a reverse per row and link
    was the largest single cost of the office day view). Build one per request: the script
    prefix belongs to the request.

    Measured side by side (`python -m bench.tricks`): the day view's 100 rows of four such links
    took 0.21 ms this way against 14.8 ms with `reverse` per link."""

    def __init__(self, name: str) -> None:
        self.head, self.tail = reverse(name, args=[_PLACEHOLDER_PK]).split(str(_PLACEHOLDER_PK))
        # A path with nothing HTML would escape (ours, unless a script prefix brings some) comes out
        # marked safe, so a template prints it as it is instead of escaping it again per link
        # (with the rows' ids likewise: bench P2's 100 rows render in 9.0 ms against 10.3 ms).
        self.plain = escape(self.head) == self.head and escape(self.tail) == self.tail

    def __call__(self, pk: int) -> str:
        url = f"{self.head}{pk}{self.tail}"
        return SafeString(url) if self.plain else url


@dataclass
class AppointmentRow:
    """One line of the calendar's appointment table, its words and links worked out here so the
    template renders 100 rows without walking the model graph for each."""

    appointment: Appointment
    pk: int
    # "appointment-12": the row's id in the page, and the target of its htmx actions. Text, so
    # the template does not localise a number three times a row (bench P2).
    element_id: str
    is_active: bool
    starts: str
    ends: str
    patient: str
    chart_url: str
    colour: str
    type_name: str
    provider: str
    room: str
    status: str
    status_label: str
    cancel_reason: str
    detail_url: str
    status_url: str
    cancel_url: str
    reschedule_url: str
    # The quick status button the row offers: check in a booked or confirmed visit, complete a checked-in one.
    next_status: str | None

    def __getitem__(self, name: str) -> object:
        """``row.patient`` in a template: Django tries ``row["patient"]`` first and, on an object
        without item access, raises and catches a TypeError before reading the attribute. The
        100 rows of bench P2 render in 10.9 ms with this against 13.3 ms without (same process,
        alternating)."""
        return getattr(self, name)


class AppointmentRows:
    """Builds rows for one request, reversing each link's pattern once."""

    def __init__(self) -> None:
        # Django's own words for the "A" of its time format, looked up once (see clock_time).
        self.am, self.pm = gettext("AM"), gettext("PM")
        self.detail = PkUrl("scheduling:appointment_detail")
        self.status = PkUrl("scheduling:appointment_status")
        self.cancel = PkUrl("scheduling:appointment_cancel")
        self.slot_finder = reverse("scheduling:slot_finder")
        self.chart = PkUrl("patient_chart")

    def __call__(self, appointment: Appointment) -> AppointmentRow:
        pk, office = appointment.pk, appointment.office
        zone = office.zone
        status = appointment.status
        kind = appointment.appointment_type
        next_status = {
            Status.BOOKED: Status.CHECKED_IN,
            Status.CONFIRMED: Status.CHECKED_IN,
            Status.CHECKED_IN: Status.COMPLETED,
        }.get(status)
        return AppointmentRow(
            appointment=appointment,
            pk=pk,
            element_id=SafeString(f"appointment-{pk}"),
            is_active=appointment.is_active,
            starts=self.clock_time(appointment.start.astimezone(zone)),
            ends=self.clock_time(appointment.end.astimezone(zone)),
            patient=appointment.patient.full_name,
            chart_url=self.chart(appointment.patient_id),
            colour=kind.colour,
            type_name=kind.name,
            provider=appointment.provider.display_name,
            room=appointment.room.name,
            status=status,
            status_label=STATUS_LABELS.get(status, status),
            cancel_reason=appointment.cancel_reason,
            detail_url=self.detail(pk),
            status_url=self.status(pk),
            cancel_url=self.cancel(pk),
            reschedule_url=f"{self.slot_finder}?appointment={pk}&office={office.slug}",
            next_status=next_status and next_status.value,
        )

    def clock_time(self, moment: datetime.datetime) -> str:
        """``time_format(moment, "g:i A")`` ("9:05 AM"), written out: Django parses the format and
        translates AM/PM on every call, about 80 us each, and a row has two (200 calls in bench P2)."""
        return f"{moment.hour % 12 or 12}:{moment.minute:02d} {self.pm if moment.hour > 11 else self.am}"


def appointment_row(appointment: Appointment) -> AppointmentRow:
    return AppointmentRows()(appointment)


def _fit(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: max(chars - 1, 1)] + "…"


def day_window(day: datetime.date, office: Office, moments: list[int]) -> tuple[int, int]:
    """From the earliest of 07:00 and anything booked or worked, to the latest of 19:00 and the same."""
    zone = office.zone
    start = int(datetime.datetime.combine(day, datetime.time(DEFAULT_FIRST_HOUR), tzinfo=zone).timestamp())
    end = int(datetime.datetime.combine(day, datetime.time(DEFAULT_LAST_HOUR), tzinfo=zone).timestamp())
    first, last = (int(b.timestamp()) for b in local_day_bounds(day, zone))
    if moments:
        start = max(first, min(start, min(moments) // 3600 * 3600))
        end = min(last, max(end, -(-max(moments) // 3600) * 3600))
    return start, end


def build_day_grid(
    *,
    office: Office,
    day: datetime.date,
    appointments: list[Appointment],
    columns: list[tuple[int, str]],
    working: dict[int, list[tuple[int, int]]],
    by: str,
) -> DayGrid:
    shown = [a for a in appointments if a.status in STATUS_STROKES]
    moments = [int(a.start.timestamp()) for a in shown] + [int(a.end.timestamp()) for a in shown]
    moments += [t for spans in working.values() for span in spans for t in span]
    top, bottom = day_window(day, office, moments)
    zone = office.zone

    def y(epoch: int) -> float:
        return HEADER + (epoch - top) / 60 * PX_PER_MINUTE

    column_width = max(MIN_COLUMN_WIDTH, (GRID_WIDTH - GUTTER) // max(len(columns), 1))
    label_chars = int((column_width - 14) / CHAR_WIDTH)
    grid_columns = []
    position = {}
    for index, (key, label) in enumerate(columns):
        x = GUTTER + index * column_width
        column = Column(key=key, label=_fit(label, label_chars), x=_px(x), label_x=_px(x + 6))
        column.working = [(_px(y(a)), _px(y(b) - y(a))) for a, b in working.get(key, [])]
        grid_columns.append(column)
        position[key] = x
    hours = []
    for epoch in range(top, bottom + 1, 3600):
        local = datetime.datetime.fromtimestamp(epoch, zone)
        hours.append((_px(y(epoch)), _px(y(epoch) + 4), local.strftime("%-I %p").lower()))
    blocks = []
    detail_url = PkUrl("scheduling:appointment_detail")
    for appointment in shown:
        key = appointment.provider_id if by == "provider" else appointment.room_id
        if key not in position:
            continue
        begins, ends = int(appointment.start.timestamp()), int(appointment.end.timestamp())
        local = appointment.start.astimezone(zone)
        kind = appointment.appointment_type
        status = STATUS_LABELS.get(appointment.status, appointment.status)
        top_edge = y(begins) + 1
        blocks.append(
            Block(
                x=_px(position[key] + 3),
                y=_px(top_edge),
                width=_px(column_width - 6),
                height=_px(max(y(ends) - y(begins) - 2, 10)),
                text_x=_px(position[key] + 8),
                text_y=_px(top_edge + 13),
                fill=kind.fill,
                stroke=STATUS_STROKES[appointment.status],
                title=f"{local:%H:%M} {kind.name}, {appointment.patient.full_name} ({status})",
                time=f"{local:%-I:%M}",
                label=_fit(f"{appointment.patient.last_name} · {kind.name}", label_chars - 5),
                url=detail_url(appointment.pk),
                status=status,
            )
        )
    return DayGrid(
        width=_px(GUTTER + max(len(columns), 1) * column_width),
        column_width=_px(column_width),
        height=_px(y(bottom) + 8),
        columns=grid_columns,
        hours=hours,
        blocks=blocks,
    )


@dataclass
class OfficeDaySummary:
    """One office's line in the all-offices overview of a day."""

    office: Office
    providers: int
    booked: int
    cancelled: int
    free_hours: float
    working_hours: float
    closures: list[AvailabilityException]


def office_day_summaries(offices: list[Office], day: datetime.date) -> list[OfficeDaySummary]:
    """Per office: who works, how much is booked, free and cancelled. Three queries for any
    number of offices (sessions, exceptions, appointments): the working hours are read once
    for all of them, and the appointments of the widest local day in one go."""
    if not offices:
        return []
    hours = WorkingHours(offices=offices, role=None, first=day, last=day)
    bounds = {office.pk: local_day_bounds(day, office.zone) for office in offices}
    since = min(first for first, _ in bounds.values())
    until = max(last for _, last in bounds.values())
    taken: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    booked: dict[int, int] = defaultdict(int)
    cancelled: dict[int, int] = defaultdict(int)
    rows = (
        Appointment.objects.filter(office__in=offices)
        .overlapping(since, until)
        .values_list("office_id", "provider_id", "status", "start", "end")
    )
    for office_id, provider_id, status, start, end in rows:
        first, last = bounds[office_id]
        if not (start < last and end > first):
            continue
        if status in ACTIVE_STATUSES:
            booked[office_id] += 1
            taken[(office_id, provider_id)].append((int(start.timestamp()), int(end.timestamp())))
        elif status == Status.CANCELLED:
            cancelled[office_id] += 1
    summaries = []
    for office in offices:
        working = hours.for_day(office, day)
        worked = sum(b - a for spans in working.values() for a, b in spans)
        free = sum(
            b - a
            for provider_id, spans in working.items()
            for a, b in subtract(spans, merge(taken.get((office.pk, provider_id), [])))
        )
        summaries.append(
            OfficeDaySummary(
                office=office,
                providers=len(working),
                booked=booked[office.pk],
                cancelled=cancelled[office.pk],
                free_hours=round(free / 3600, 1),
                working_hours=round(worked / 3600, 1),
                closures=hours.closures_on(office, day),
            )
        )
    return summaries
