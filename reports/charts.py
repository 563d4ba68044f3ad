"""Server-drawn SVG charts: horizontal bars per category, and lines per week.

Only geometry is computed here; the template draws it (reports/_chart.html) and the
stylesheet colours it by class, so the page needs no script and no inline style (CSP).
Every series also differs by pattern (solid, dashed, dotted), never by colour alone,
and every chart sits next to a table of the same numbers.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 420
LABEL_W = 140  # category names left of the bars (LABEL_CHARS at most)
LABEL_CHARS = 20
VALUE_W = 48  # room for the value after the longest bar
BAR_H = 12
GAP = 10
LINE_H = 200
PAD_TOP, PAD_BOTTOM, PAD_LEFT, PAD_RIGHT = 10, 28, 34, 12
SERIES_CLASSES = ("series-0", "series-1", "series-2", "series-3")


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str = "tick"
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "grid"


@dataclass(frozen=True)
class Polyline:
    points: str
    css: str
    title: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    css: str
    title: str


@dataclass
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    legend: list[tuple[str, str]] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    polylines: list[Polyline] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    empty: bool = False


def nice_ceiling(value: float) -> float:
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bars(
    *,
    key: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str = "",
) -> Chart:
    """One row per category, one bar per series in it; a missing value draws no bar."""
    per_row = len(series) * BAR_H + GAP
    height = max(len(categories), 1) * per_row + PAD_TOP + 6
    chart = Chart(key, title, description, WIDTH, height)
    chart.legend = [(SERIES_CLASSES[i], label) for i, (label, _values) in enumerate(series)] if len(series) > 1 else []
    values = [v for _label, vs in series for v in vs if v is not None]
    if not categories or not values:
        chart.empty = True
        return chart
    top = nice_ceiling(max(values))
    span = WIDTH - LABEL_W - VALUE_W
    for row, category in enumerate(categories):
        y0 = PAD_TOP + row * per_row
        short = category if len(category) <= LABEL_CHARS else category[: LABEL_CHARS - 1] + "…"
        chart.texts.append(Text(LABEL_W - 6, y0 + per_row / 2 - GAP / 2, short, "label", "end"))
        for index, (label, vs) in enumerate(series):
            value = vs[row]
            if value is None:
                continue
            y = y0 + index * BAR_H
            width = round(span * value / top, 1)
            name = (
                f"{category}, {label}: {_number(value)}{unit}"
                if len(series) > 1
                else f"{category}: {_number(value)}{unit}"
            )
            chart.rects.append(Rect(LABEL_W, y, max(width, 0.5), BAR_H - 2, f"bar {SERIES_CLASSES[index]}", name))
            chart.texts.append(Text(LABEL_W + width + 4, y + BAR_H / 2, f"{_number(value)}{unit}", "value"))
    chart.lines.append(Line(LABEL_W, PAD_TOP - 4, LABEL_W, height - 4, "axis"))
    return chart


def weekly(
    *,
    key: str,
    title: str,
    description: str,
    weeks: Sequence[datetime.date],
    series: Sequence[tuple[str, Sequence[float]]],
) -> Chart:
    """One line per series across the weeks (each week is labelled by its Monday)."""
    chart = Chart(key, title, description, WIDTH, LINE_H)
    chart.legend = [(SERIES_CLASSES[i], label) for i, (label, _values) in enumerate(series)]
    values = [v for _label, vs in series for v in vs]
    if not weeks or not any(values):
        chart.empty = True
        return chart
    top = nice_ceiling(max(values))
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = LINE_H - PAD_TOP - PAD_BOTTOM
    last = max(len(weeks) - 1, 1)

    def x(i: int) -> float:
        return round(PAD_LEFT + (plot_w * i / last if len(weeks) > 1 else plot_w / 2), 1)

    def y(v: float) -> float:
        return round(PAD_TOP + plot_h * (1 - v / top), 1)

    for tick in (0, top / 2, top):
        chart.lines.append(Line(PAD_LEFT, y(tick), WIDTH - PAD_RIGHT, y(tick)))
        chart.texts.append(Text(PAD_LEFT - 4, y(tick), _number(tick), "tick", "end"))
    # About six date labels, whatever the range, so they stay readable on a phone.
    step = max(1, math.ceil(len(weeks) / 6))
    for i in range(0, len(weeks), step):
        # The last label ends at the plot's edge instead of running past it.
        anchor = "end" if i == len(weeks) - 1 and len(weeks) > 1 else "middle"
        chart.texts.append(Text(x(i), LINE_H - 10, f"{weeks[i]:%b %-d}", "tick", anchor))
    for index, (label, vs) in enumerate(series):
        css = SERIES_CLASSES[index]
        chart.polylines.append(Polyline(" ".join(f"{x(i)},{y(v)}" for i, v in enumerate(vs)), f"line {css}", label))
        if len(weeks) <= 60:
            chart.dots.extend(
                Dot(x(i), y(v), f"dot {css}", f"{label}, week of {weeks[i]:%b %-d, %Y}: {_number(v)}")
                for i, v in enumerate(vs)
            )
    return chart
