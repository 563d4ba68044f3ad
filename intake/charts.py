"""Server-drawn SVG for the chart's symptom history (CSP-safe, prints as is)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from intake.models import IntakeRecord
from intake.models.answers import SYMPTOM_FIELDS

WIDTH, HEIGHT = 600, 220
LEFT_PAD, RIGHT_PAD, TOP_PAD, BOTTOM_PAD = 36, 16, 12, 36
MAX_SYMPTOMS = len(SYMPTOM_FIELDS)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    count: int
    label: str

    # SVG coordinates written here as the polyline's points are, not with the template's
    # floatformat: sixty dots took 1.7 ms of bench P7's chart with it (and floatformat
    # writes a decimal comma in Spanish, which SVG does not read).
    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"


@dataclass
class Series:
    leg: str
    css: str
    dots: list[Dot] = field(default_factory=list)

    @property
    def points(self) -> str:
        return " ".join(f"{d.x:.1f},{d.y:.1f}" for d in self.dots)


@dataclass
class SymptomChart:
    series: list[Series]
    x_labels: list[tuple[str, str]]  # (x, date) with x written for SVG
    y_ticks: list[tuple[str, int]]  # (y, symptoms) with y written for SVG
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT_PAD
    plot_right: int = WIDTH - RIGHT_PAD
    plot_bottom: int = HEIGHT - BOTTOM_PAD


def _y(count: int) -> float:
    usable = HEIGHT - TOP_PAD - BOTTOM_PAD
    return HEIGHT - BOTTOM_PAD - usable * count / MAX_SYMPTOMS


def symptom_chart(records: Sequence[IntakeRecord]) -> SymptomChart | None:
    """Symptoms counted per leg on each dated record, oldest to newest."""
    if not records:
        return None
    usable = WIDTH - LEFT_PAD - RIGHT_PAD
    step = usable / (len(records) - 1) if len(records) > 1 else 0
    left, right = Series("Left leg", "chart-left"), Series("Right leg", "chart-right")
    x_labels = []
    for index, record in enumerate(records):
        x = LEFT_PAD + (step * index if len(records) > 1 else usable / 2)
        day = f"{record.recorded_at:%m/%d/%y}"
        x_labels.append((f"{x:.1f}", day))
        for series, leg in ((left, "left"), (right, "right")):
            count = record.symptom_count(leg)
            series.dots.append(Dot(x, _y(count), count, f"{series.leg}, {day}: {count} of {MAX_SYMPTOMS} symptoms"))
    # Dates crowd on a phone: label at most about eight of them.
    every = max(1, len(x_labels) // 8 + (len(x_labels) % 8 > 0))
    x_labels = [label for i, label in enumerate(x_labels) if i % every == 0 or i == len(x_labels) - 1]
    ticks = [(f"{_y(n):.1f}", n) for n in range(0, MAX_SYMPTOMS + 1, 2)]
    return SymptomChart([left, right], x_labels, ticks)
