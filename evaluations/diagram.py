"""Both legs as server-drawn SVG, each segment coloured by its finding and labelled with its measurements.

Drawn from the front: the patient's right leg on the viewer's left, the medial
side of each leg facing the middle, as on a paper worksheet. Each leg is its own
picture (a half of one drawing, ``Diagram.legs``): side by side on a wide screen,
one above the other on a phone, where a single picture of both would shrink the
labels below reading size.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from evaluations.models import SegmentFinding
from evaluations.rules.segments import Finding, Segment, Side

WIDTH = 640
HEIGHT = 600
LEG_CENTRE = {Side.RIGHT: 215, Side.LEFT: 425}
# +1 when the leg's medial side is to the viewer's right.
MEDIAL = {Side.RIGHT: 1, Side.LEFT: -1}
LABEL_X = {Side.RIGHT: 6, Side.LEFT: WIDTH - 6}
# Vertical room per label: the labels are 11 units high (evaluations.css, .lbl).
LABEL_STEP = 14

# (medial offset, height) points of each segment's centre line; circles for junctions and perforators.
LINES: dict[str, list[tuple[int, int]]] = {
    Segment.IVC: [(-8, 4), (-8, 18)],
    Segment.CIV: [(-2, 18), (6, 38)],
    Segment.IIV: [(6, 38), (30, 52)],
    Segment.EIV: [(6, 38), (2, 60)],
    Segment.PELV: [(30, 40), (42, 56)],
    Segment.CFV: [(2, 60), (2, 95)],
    Segment.DFV: [(-4, 95), (-30, 210)],
    Segment.FV: [(2, 95), (6, 290)],
    Segment.POPV: [(6, 290), (2, 352)],
    Segment.TIBV: [(2, 352), (4, 372)],
    Segment.PTV: [(14, 372), (20, 540)],
    Segment.PRV: [(2, 372), (-2, 520)],
    Segment.ATV: [(-12, 372), (-18, 540)],
    Segment.MUSV: [(-38, 380), (-40, 440)],
    Segment.GAV: [(-26, 362), (-30, 440)],
    Segment.SOV: [(30, 390), (30, 460)],
    Segment.GSVA: [(22, 72), (38, 180), (46, 300)],
    Segment.GSVB: [(46, 300), (48, 420), (38, 545)],
    Segment.AASV: [(18, 78), (-4, 160), (-14, 240)],
    Segment.NSV: [(-50, 150), (-54, 260)],
    Segment.SSV: [(-6, 318), (-18, 430), (-28, 545)],
}
DOTS: dict[str, tuple[int, int]] = {
    Segment.SFJ: (22, 70),
    Segment.SPJ: (-6, 314),
    Segment.TPV: (40, 220),
    Segment.CPV: (50, 455),
}
OUTLINE = [
    (-72, 40),
    (-66, 200),
    (-56, 320),
    (-50, 420),
    (-34, 548),
    (-40, 580),
    (54, 580),
    (44, 548),
    (56, 420),
    (58, 320),
    (62, 200),
    (48, 62),
]


@dataclass(frozen=True)
class Shape:
    side: str
    segment: str
    css: str
    title: str
    points: str = ""
    cx: int = 0
    cy: int = 0


@dataclass(frozen=True)
class Label:
    side: str
    text: str
    x: int
    y: int
    anchor: str
    leader: str
    css: str


def _xy(side: str, m: int, y: int) -> tuple[int, int]:
    return LEG_CENTRE[side] + MEDIAL[side] * m, y + 10


def _title(segment: str, finding: SegmentFinding | None, state: Finding) -> str:
    name = Segment(segment).label
    if finding is None:
        return f"{name}: not examined"
    measured = measurement_text(finding)
    return f"{name}: {state.value.replace('_', ' ')}" + (f" · {measured}" if measured else "")


def measurement_text(finding: SegmentFinding) -> str:
    parts = []
    if finding.reflux_ms is not None:
        parts.append(f"{finding.reflux_ms} ms")
    if finding.diameter_mm is not None:
        parts.append(f"{finding.diameter_mm} mm")
    if finding.thrombus:
        parts.append(finding.get_thrombus_display().lower())
    return " · ".join(parts)


@dataclass(frozen=True)
class LegPicture:
    """One leg's half of the drawing: its own viewBox starting at ``x``."""

    side: str
    title: str
    x: int
    width: int
    centre: int
    outline: str
    shapes: list[Shape]
    labels: list[Label]


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    outlines: list[str]
    shapes: list[Shape]
    labels: list[Label]
    legend: list[tuple[str, str]]

    @property
    def legs(self) -> list[LegPicture]:
        half = self.width // 2
        return [
            LegPicture(
                side=side,
                title=Side(side).label,
                x=index * half,
                width=half,
                centre=LEG_CENTRE[side],
                outline=self.outlines[index],
                shapes=[s for s in self.shapes if s.side == side],
                labels=[label for label in self.labels if label.side == side],
            )
            for index, side in enumerate((Side.RIGHT, Side.LEFT))
        ]


def build(findings: Iterable[SegmentFinding], treated: set[tuple[str, str]] = frozenset()) -> Diagram:
    """The diagram for one study's findings; ``treated`` holds (side, segment) pairs already closed."""
    by_key: dict[tuple[str, str], list[SegmentFinding]] = {}
    for f in findings:
        by_key.setdefault((f.side, f.segment), []).append(f)

    shapes: list[Shape] = []
    anchors: dict[str, list[tuple[int, str, str, int, int]]] = {Side.RIGHT: [], Side.LEFT: []}
    for side in (Side.RIGHT, Side.LEFT):
        for segment, points in LINES.items():
            shapes.extend(
                _shapes(side, segment, by_key.get((side, segment), []), treated, points=points, anchors=anchors)
            )
        for segment, (m, y) in DOTS.items():
            shapes.extend(_shapes(side, segment, by_key.get((side, segment), []), treated, dot=(m, y), anchors=anchors))

    labels: list[Label] = []
    for side, rows in anchors.items():
        next_free = 0
        for y, text, css, x, ay in sorted(rows):
            label_y = max(y, next_free)
            next_free = label_y + LABEL_STEP
            lx = LABEL_X[side]
            edge = lx + (118 if side == Side.RIGHT else -118)
            labels.append(
                Label(
                    side=side,
                    text=text,
                    x=lx,
                    y=label_y,
                    anchor="start" if side == Side.RIGHT else "end",
                    leader=f"{edge},{label_y - 3} {x},{ay}",
                    css=css,
                )
            )
    outlines = [
        " ".join(f"{x},{y}" for x, y in (_xy(side, m, h) for m, h in OUTLINE)) for side in (Side.RIGHT, Side.LEFT)
    ]
    legend = [(state.value, state.value.replace("_", " ").capitalize()) for state in Finding]
    return Diagram(WIDTH, HEIGHT + 30, outlines, shapes, labels, legend)


def _shapes(
    side: str,
    segment: str,
    found: list[SegmentFinding],
    treated: set[tuple[str, str]],
    *,
    anchors: dict,
    points: list[tuple[int, int]] | None = None,
    dot: tuple[int, int] | None = None,
) -> list[Shape]:
    is_treated = (side, segment) in treated
    results = []
    for index, finding in enumerate(found or [None]):
        state = finding.reading().finding(treated=is_treated) if finding else Finding.NOT_EXAMINED
        if finding is None and is_treated:
            state = Finding.TREATED
        css = f"seg seg-{state.value}"
        title = _title(segment, finding, state)
        if points is not None:
            coords = [_xy(side, m, y) for m, y in points]
            shape = Shape(side, segment, css, title, points=" ".join(f"{x},{y}" for x, y in coords))
            mid = coords[len(coords) // 2]
        else:
            m, y = dot
            # Several perforators on one leg are stacked along it, each with its own mark.
            cx, cy = _xy(side, m, y + index * 22)
            shape = Shape(side, segment, css + " seg-dot", title, cx=cx, cy=cy)
            mid = (cx, cy)
        results.append(shape)
        if finding is not None:
            text = f"{segment} {measurement_text(finding)}".strip()
            anchors[side].append((mid[1], text, f"lbl lbl-{state.value}", mid[0], mid[1]))
    return results
