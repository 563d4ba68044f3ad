"""VCSS per leg across visits, and the patient's HASTI symptom score beside it, as
server-drawn SVG line charts (the pages also list the numbers in a table).

VCSS is the physician's score, recorded per leg at every signed visit (its pain item
drawn beside the total); HASTI is the patient's own (intake.models.symptoms), asked
before treatment and 6 weeks and 6 months after a procedure. Side by side they show
what treatment changed in the leg and in how the patient feels.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from evaluations.models import LegAssessment
from evaluations.rules import vcss
from evaluations.rules.segments import Side
from intake.models import SymptomScore
from intake.models.symptoms import TOTAL_MAX as HASTI_MAX

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT_PAD, TOP, BOTTOM = 36, 16, 14, 40


@dataclass(frozen=True)
class Series:
    side: str
    label: str
    css: str
    points: str
    dots: list[tuple[float, float, str]]


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]
    plot_left: int
    plot_right: int
    empty: bool


@dataclass(frozen=True)
class VcssRow:
    """One signed visit's VCSS totals, for the table under the chart."""

    visit_date: datetime.date
    right: int | None
    left: int | None


def _axes(keys: Sequence, top: int) -> tuple[dict, Callable[[int], float], list[tuple[float, str]]]:
    """x for each sorted key (a date first), y for a value on 0..top, and at most ~8 date labels."""
    span = max(len(keys) - 1, 1)
    plot_w = WIDTH - LEFT - RIGHT_PAD
    plot_h = HEIGHT - TOP - BOTTOM
    x_of = {key: LEFT + (plot_w * i / span if len(keys) > 1 else plot_w / 2) for i, key in enumerate(keys)}

    def y(value: int) -> float:
        return TOP + plot_h * (1 - value / top)

    # Label at most about eight dates so they stay readable on a phone.
    step = max(1, len(keys) // 8)
    x_labels = [(round(x_of[key], 1), f"{key[0]:%b %y}") for key in keys[::step]]
    return x_of, y, x_labels


def build(legs: list[LegAssessment]) -> TrendChart:
    """``legs`` carry their evaluation (select_related); one point per visit and leg."""
    visits = sorted({(leg.evaluation.visit_date, leg.evaluation_id) for leg in legs})
    x_of, y, x_labels = _axes(visits, vcss.TOTAL_MAX)
    series = []
    for side, name in ((Side.RIGHT, "Right"), (Side.LEFT, "Left")):
        for metric, suffix, css in (("vcss_total", "VCSS", "total"), ("pain", "pain", "pain")):
            rows = sorted(
                (x_of[(leg.evaluation.visit_date, leg.evaluation_id)], getattr(leg, metric), leg.evaluation.visit_date)
                for leg in legs
                if leg.side == side
            )
            if not rows:
                continue
            series.append(
                Series(
                    side=side,
                    label=f"{name} {suffix}",
                    css=f"trend trend-{side.lower()} trend-{css}",
                    points=" ".join(f"{x:.1f},{y(v):.1f}" for x, v, _ in rows),
                    dots=[(round(x, 1), round(y(v), 1), f"{name} {suffix} {v} on {d:%b %-d, %Y}") for x, v, d in rows],
                )
            )
    y_ticks = [(round(y(v), 1), v) for v in (0, 6, 12, 18, 24, 30)]
    return TrendChart(WIDTH, HEIGHT, series, x_labels, y_ticks, LEFT, WIDTH - RIGHT_PAD, not legs)


def vcss_rows(legs: list[LegAssessment]) -> list[VcssRow]:
    """The numbers behind the VCSS chart: per signed visit, each leg's total."""
    by_visit: dict[tuple, dict[str, int]] = {}
    for leg in legs:
        by_visit.setdefault((leg.evaluation.visit_date, leg.evaluation_id), {})[leg.side] = leg.vcss_total
    return [VcssRow(key[0], sides.get(Side.RIGHT), sides.get(Side.LEFT)) for key, sides in sorted(by_visit.items())]


def build_symptoms(scores: list[SymptomScore]) -> TrendChart:
    """The HASTI total (0-25) at each questionnaire, oldest first."""
    keys = sorted((timezone.localdate(score.recorded_at), score.pk) for score in scores)
    x_of, y, x_labels = _axes(keys, HASTI_MAX)
    rows = sorted(
        ((x_of[(timezone.localdate(s.recorded_at), s.pk)], s.total, s) for s in scores), key=lambda row: row[0]
    )
    series = []
    if rows:
        series.append(
            Series(
                side="P",
                label="HASTI total",
                css="trend trend-hasti",
                points=" ".join(f"{x:.1f},{y(v):.1f}" for x, v, _ in rows),
                dots=[
                    (round(x, 1), round(y(v), 1), f"HASTI {v} of {HASTI_MAX} on {s.recorded_at:%b %-d, %Y}")
                    for x, v, s in rows
                ],
            )
        )
    y_ticks = [(round(y(v), 1), v) for v in (0, 5, 10, 15, 20, 25)]
    return TrendChart(WIDTH, HEIGHT, series, x_labels, y_ticks, LEFT, WIDTH - RIGHT_PAD, not scores)
