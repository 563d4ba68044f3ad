"""The office day drawn as SVG: a column per provider or room, blocks by type and status.

Laid out here in Python so the template only places shapes (and stays cheap to
render); SVG presentation attributes keep it within the CSP and printable.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from clinic.models import Office
from scheduling.models import Appointment, Status, local_day_bounds

PX_PER_MINUTE = 1.1
COLUMN_WIDTH = 150
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


@dataclass
class Block:
    x: float
    y: float
    width: float
    height: float
    fill: str
    stroke: str
    title: str
    time: str
    label: str
    url: str
    status: str


@dataclass
class Column:
    key: int
    label: str
    x: float
    working: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class DayGrid:
    width: float
    height: float
    columns: list[Column]
    hours: list[tuple[float, str]]
    blocks: list[Block]


@functools.cache
def _has_patient_chart() -> bool:
    # Intake owns the chart; a failed reverse per row costs more than the whole row.
    try:
        reverse("patient_chart", args=[1])
    except NoReverseMatch:
        return False
    return True


def patient_chart_url(patient_id: int) -> str | None:
    return reverse("patient_chart", args=[patient_id]) if _has_patient_chart() else None


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

    grid_columns = []
    position = {}
    for index, (key, label) in enumerate(columns):
        column = Column(key=key, label=label, x=GUTTER + index * COLUMN_WIDTH)
        column.working = [(y(a), y(b) - y(a)) for a, b in working.get(key, [])]
        grid_columns.append(column)
        position[key] = column.x
    hours = []
    for epoch in range(top, bottom + 1, 3600):
        local = datetime.datetime.fromtimestamp(epoch, zone)
        hours.append((y(epoch), local.strftime("%-I %p").lower()))
    blocks = []
    for appointment in shown:
        key = appointment.provider_id if by == "provider" else appointment.room_id
        if key not in position:
            continue
        begins, ends = int(appointment.start.timestamp()), int(appointment.end.timestamp())
        local = appointment.start.astimezone(zone)
        kind = appointment.appointment_type
        status = appointment.get_status_display()
        blocks.append(
            Block(
                x=position[key] + 3,
                y=y(begins) + 1,
                width=COLUMN_WIDTH - 6,
                height=max(y(ends) - y(begins) - 2, 10),
                fill=kind.fill,
                stroke=STATUS_STROKES[appointment.status],
                title=f"{local:%H:%M} {kind.name}, {appointment.patient.full_name} ({status})",
                time=f"{local:%-I:%M}",
                label=f"{appointment.patient.last_name} · {kind.name}"[:24],
                url=appointment.get_absolute_url(),
                status=status,
            )
        )
    return DayGrid(
        width=GUTTER + max(len(columns), 1) * COLUMN_WIDTH,
        height=y(bottom) + 8,
        columns=grid_columns,
        hours=hours,
        blocks=blocks,
    )
