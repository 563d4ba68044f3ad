"""VCSS per leg across visits as a server-drawn SVG line chart.

Symptom history here is the VCSS itself (its pain item drawn beside the total):
VCSS is recorded per leg at every visit, so treatment's effect reads straight off it.
"""

from dataclasses import dataclass

from evaluations.models import LegAssessment
from evaluations.rules import vcss
from evaluations.rules.segments import Side

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


def build(legs: list[LegAssessment]) -> TrendChart:
    """``legs`` carry their evaluation (select_related); one point per visit and leg."""
    visits = sorted({(leg.evaluation.visit_date, leg.evaluation_id) for leg in legs})
    span = max(len(visits) - 1, 1)
    plot_w = WIDTH - LEFT - RIGHT_PAD
    plot_h = HEIGHT - TOP - BOTTOM
    x_of = {key: LEFT + (plot_w * i / span if len(visits) > 1 else plot_w / 2) for i, key in enumerate(visits)}

    def y(value: int) -> float:
        return TOP + plot_h * (1 - value / vcss.TOTAL_MAX)

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
    # Label at most about eight dates so they stay readable on a phone.
    step = max(1, len(visits) // 8)
    x_labels = [(round(x_of[key], 1), f"{key[0]:%b %y}") for key in visits[::step]]
    y_ticks = [(round(y(v), 1), v) for v in (0, 6, 12, 18, 24, 30)]
    return TrendChart(WIDTH, HEIGHT, series, x_labels, y_ticks, LEFT, WIDTH - RIGHT_PAD, not legs)
