"""The dashboard's figures: each metric is one function, one aggregate query (utilization:
the booked hours plus the schedule it is measured against), returning its figures.

To add a figure (prior authorizations, patient-reported outcomes, ...): write one
function ``def name(scope: Scope) -> list[Figure]`` that runs one aggregate query
filtered by ``scope`` (its days and ``scope.at_office(...)``), and decorate it with
``@metric("figure-key", ...)`` naming the keys of the figures it returns. The page
shows it in the order metrics are declared, with its chart, table and CSV download;
nothing else changes.

Definitions (clinic policy; docs/clinical-rules.md, "Practice dashboard"):
- a screening belongs to its preferred office and to the day it was sent;
- a visit belongs to the day it starts; a late cancellation is one cancelled less
  than 24 hours before its start (or after it); no-show and late-cancel rates are
  shares of the visits that had started by now and still held their slot 24 hours
  before (every visit but those cancelled earlier);
- booked hours are the visits that held their provider and room (booked, confirmed,
  checked in, completed, no-show); available hours are the providers' weekly sessions
  and extra sessions minus time off and closures; a room is available while the
  office has any session;
- a procedure belongs to the office of its appointment (or, unbooked, of the note
  behind its plan) and to the day it was done;
- VCSS before is the treated leg's score in the last signed note on or before the
  procedure day, after is the first signed note after it;
- the HASTI total before a procedure is the patient's last baseline questionnaire on or
  before its day, after it the first 6-week (and 6-month) questionnaire after that day;
- a prior authorization belongs to the day it was submitted and to its procedure's office;
  its approval rate is approved over approved, denied and appealed.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncWeek

from clinic.models import Room, StaffProfile
from evaluations.models import LegAssessment, PlanItem, PriorAuthorization
from evaluations.models.plans import ItemStatus
from evaluations.models.safety import AuthorizationStatus
from evaluations.rules import vcss
from evaluations.rules.procedures import PROCEDURES, ItemKind
from intake.models import Occasion, ScreeningSubmission, SymptomScore
from intake.models.symptoms import ITEMS as HASTI_ITEMS
from reports import charts
from reports.figures import Figure, Scope, Table, count, days, hours, share
from reports.sql import DaysBetween, HoursBetween, median_and_p90
from scheduling.models import ACTIVE_STATUSES, Appointment, AppointmentEvent, Reminder, ReminderStatus, Status
from scheduling.services.intervals import merge
from scheduling.services.slots import WorkingHours

Metric = Callable[[Scope], list[Figure]]
METRICS: list[tuple[tuple[str, ...], Metric]] = []

# A cancellation this close to the start (or after it) leaves a slot nobody can fill: clinic policy.
LATE_CANCEL_HOURS = 24
# Visits that held their provider and room: every active status, and the no-show's empty chair.
HELD = [s.value for s in ACTIVE_STATUSES] + [Status.NO_SHOW.value]
DONE = [ItemStatus.DONE.value, ItemStatus.FOLLOWED_UP.value]
PROCEDURE_KINDS = sorted(PROCEDURES)
# The reasons scheduling.reminders.dispatch.skip_reason gives when the patient said no to a channel.
OPT_OUT = Q(error="patient replied STOP") | Q(error__startswith="patient prefers") | Q(error__startswith="no consent")


def metric(*keys: str) -> Callable[[Metric], Metric]:
    """Put a metric on the dashboard; ``keys`` are the figures it returns (one CSV each)."""

    def register(function: Metric) -> Metric:
        METRICS.append((keys, function))
        return function

    return register


def figure_keys() -> list[str]:
    return [key for keys, _function in METRICS for key in keys]


def build(scope: Scope, only: str | None = None) -> list[Figure]:
    """Every figure in order, or only the metric that returns figure ``only``."""
    figures = []
    for keys, function in METRICS:
        if only is None or only in keys:
            figures.extend(function(scope))
    return [f for f in figures if only is None or f.key == only]


def _office_names(scope: Scope) -> dict[int, str]:
    return {office.pk: office.name for office in scope.offices}


# --- Screenings -------------------------------------------------------------------------------


@metric("screenings-weekly", "screenings-by-office")
def screenings(scope: Scope) -> list[Figure]:
    rows = (
        ScreeningSubmission.objects.filter(
            scope.at_office("preferred_office"), submitted_at__gte=scope.start, submitted_at__lt=scope.end
        )
        .annotate(week=TruncWeek("submitted_at", tzinfo=scope.zone))
        .values("week", "preferred_office_id")
        .annotate(received=Count("pk"), converted=Count("pk", filter=Q(status=ScreeningSubmission.Status.CONVERTED)))
        .order_by()
    )
    by_week: dict[datetime.date, list[int]] = {week: [0, 0] for week in scope.weeks}
    by_office: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        week = by_week.setdefault(scope.week_of(row["week"]), [0, 0])
        for totals in (week, by_office[row["preferred_office_id"]]):
            totals[0] += row["received"]
            totals[1] += row["converted"]
    received = sum(v[0] for v in by_week.values())
    converted = sum(v[1] for v in by_week.values())
    weeks = sorted(by_week)
    weekly = Figure(
        key="screenings-weekly",
        title="Screenings received and converted, by week",
        description="Online screenings sent in each week (by their preferred office), and how many of them "
        "have since been registered as patients.",
        table=Table(
            ["Week of", "Received", "Converted", "Converted %"],
            [
                [f"{w:%Y-%m-%d}", count(by_week[w][0]), count(by_week[w][1]), share(*reversed(by_week[w]))]
                for w in weeks
            ],
        ),
        chart=charts.weekly(
            key="screenings-weekly",
            title="Screenings per week",
            description=f"{received} screenings received, {converted} converted, week by week.",
            weeks=weeks,
            series=[("Received", [by_week[w][0] for w in weeks]), ("Converted", [by_week[w][1] for w in weeks])],
        ),
        headlines=[
            ("Screenings received", count(received)),
            ("Converted to patients", f"{count(converted)} ({share(converted, received)})"),
        ],
    )
    names = _office_names(scope)
    offices = sorted(by_office, key=lambda pk: names.get(pk, "~"))
    labels = [names.get(pk, "No office chosen") for pk in offices]
    by_office_figure = Figure(
        key="screenings-by-office",
        title="Screenings by office",
        description="Screenings received and converted in the period, per preferred office.",
        table=Table(
            ["Office", "Received", "Converted", "Converted %"],
            [
                [label, count(by_office[pk][0]), count(by_office[pk][1]), share(by_office[pk][1], by_office[pk][0])]
                for pk, label in zip(offices, labels, strict=True)
            ],
        ),
        chart=charts.bars(
            key="screenings-by-office",
            title="Screenings by office",
            description="Received and converted screenings per office.",
            categories=labels,
            series=[
                ("Received", [by_office[pk][0] for pk in offices]),
                ("Converted", [by_office[pk][1] for pk in offices]),
            ],
        ),
    )
    return [weekly, by_office_figure] if scope.office is None else [weekly]


def _first_visit_day(scope: Scope, patient: str, after: str | None, statuses: list[str]) -> Subquery:
    """The local day of the patient's first visit in ``statuses`` (on or after ``after``, if given)."""
    visits = Appointment.objects.filter(patient=OuterRef(patient), status__in=statuses)
    if after:
        visits = visits.filter(start__gte=OuterRef(after))
    day = visits.order_by("start").annotate(day=TruncDate("start", tzinfo=scope.zone)).values("day")[:1]
    return Subquery(day)


@metric("screening-to-visit")
def screening_to_first_visit(scope: Scope) -> list[Figure]:
    converted = (
        ScreeningSubmission.objects.filter(
            scope.at_office("preferred_office"),
            submitted_at__gte=scope.start,
            submitted_at__lt=scope.end,
            status=ScreeningSubmission.Status.CONVERTED,
        )
        # Booked, confirmed, checked in or completed: the visit the patient came (or is coming) to.
        .annotate(first_visit=_first_visit_day(scope, "patient", "submitted_at", [s.value for s in ACTIVE_STATUSES]))
        .annotate(wait=DaysBetween(F("first_visit"), TruncDate("submitted_at", tzinfo=scope.zone)))
    )
    stats = median_and_p90(converted, "wait")
    waiting = stats["total"] - stats["count"]
    return [
        Figure(
            key="screening-to-visit",
            title="Days from screening to first visit",
            description="For screenings sent in the period and converted to patients: calendar days from the "
            "day the screening was sent to the patient's first booked or completed visit after it.",
            table=Table(
                ["Measure", "Days"],
                [
                    ["Median", days(stats["median"])],
                    ["90th percentile", days(stats["p90"])],
                    ["Converted screenings with a visit", count(stats["count"])],
                    ["Converted screenings with no visit yet", count(waiting)],
                ],
            ),
            headlines=[("Median days to first visit", days(stats["median"]))],
        )
    ]


# --- Visits -----------------------------------------------------------------------------------


def _late_cancellation() -> Exists:
    """Cancelled less than LATE_CANCEL_HOURS before the start (its cancellation event says when)."""
    return Exists(
        AppointmentEvent.objects.filter(
            appointment=OuterRef("pk"),
            to_status=Status.CANCELLED,
            at__gt=OuterRef("start") - datetime.timedelta(hours=LATE_CANCEL_HOURS),
        )
    )


@metric("visits-by-type", "visits-weekly", "attendance-by-office")
def visits(scope: Scope) -> list[Figure]:
    late = Q(status=Status.CANCELLED) & Q(_late_cancellation())
    # Started by now, and still holding the slot 24 hours before: the rates' denominator.
    due = Q(start__lt=scope.now) & (~Q(status=Status.CANCELLED) | late)
    rows = (
        Appointment.objects.filter(scope.at_office("office"), start__gte=scope.start, start__lt=scope.end)
        .annotate(week=TruncWeek("start", tzinfo=scope.zone))
        .values("week", "office_id", "appointment_type__name", "appointment_type__sort_order")
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(status=Status.COMPLETED)),
            no_show=Count("pk", filter=Q(status=Status.NO_SHOW)),
            cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
            late_cancel=Count("pk", filter=late),
            due=Count("pk", filter=due),
            due_no_show=Count("pk", filter=due & Q(status=Status.NO_SHOW)),
            due_late_cancel=Count("pk", filter=due & late),
        )
        .order_by()
    )
    fields = ("total", "completed", "no_show", "cancelled", "late_cancel", "due", "due_no_show", "due_late_cancel")
    by_type: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(fields, 0))
    by_week: dict[datetime.date, dict[str, int]] = {w: dict.fromkeys(fields, 0) for w in scope.weeks}
    by_office: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(fields, 0))
    for row in rows:
        week = by_week.setdefault(scope.week_of(row["week"]), dict.fromkeys(fields, 0))
        kind = by_type[(row["appointment_type__sort_order"], row["appointment_type__name"])]
        for totals in (week, kind, by_office[row["office_id"]]):
            for name in fields:
                totals[name] += row[name]
    types = sorted(by_type)
    type_table = Table(
        ["Visit type", "Scheduled", "Completed", "No-shows", "Cancelled", "Of which late"],
        [
            [
                name,
                *(
                    count(by_type[(order, name)][f])
                    for f in ("total", "completed", "no_show", "cancelled", "late_cancel")
                ),
            ]
            for order, name in types
        ],
    )
    by_type_figure = Figure(
        key="visits-by-type",
        title="Visits by type",
        description="Visits starting in the period, by type and how they ended. A late cancellation is one "
        f"made less than {LATE_CANCEL_HOURS} hours before the start.",
        table=type_table,
        chart=charts.bars(
            key="visits-by-type",
            title="Visits by type",
            description="Scheduled and completed visits per visit type.",
            categories=[name for _order, name in types],
            series=[
                ("Scheduled", [by_type[t]["total"] for t in types]),
                ("Completed", [by_type[t]["completed"] for t in types]),
            ],
        ),
        headlines=[("Visits completed", count(sum(v["completed"] for v in by_type.values())))],
    )
    weeks = sorted(by_week)
    weekly_figure = Figure(
        key="visits-weekly",
        title="Visits by week",
        description="Completed visits, no-shows and late cancellations, week by week.",
        table=Table(
            ["Week of", "Scheduled", "Completed", "No-shows", "Late cancellations"],
            [
                [f"{w:%Y-%m-%d}", *(count(by_week[w][f]) for f in ("total", "completed", "no_show", "late_cancel"))]
                for w in weeks
            ],
        ),
        chart=charts.weekly(
            key="visits-weekly",
            title="Visits per week",
            description="Completed visits, no-shows and late cancellations per week.",
            weeks=weeks,
            series=[
                ("Completed", [by_week[w]["completed"] for w in weeks]),
                ("No-shows", [by_week[w]["no_show"] for w in weeks]),
                ("Late cancellations", [by_week[w]["late_cancel"] for w in weeks]),
            ],
        ),
    )
    names = _office_names(scope)
    offices = sorted(by_office, key=lambda pk: names.get(pk, ""))
    overall = {f: sum(v[f] for v in by_office.values()) for f in fields}

    def rates(totals: dict[str, int]) -> list[str]:
        return [
            count(totals["due"]),
            count(totals["due_no_show"]),
            share(totals["due_no_show"], totals["due"]),
            count(totals["due_late_cancel"]),
            share(totals["due_late_cancel"], totals["due"]),
        ]

    attendance = Figure(
        key="attendance-by-office",
        title="No-shows and late cancellations",
        description="Of the visits that had started by now and still held their slot 24 hours before "
        "(every visit but those cancelled earlier): the share the patient missed, and the share "
        f"cancelled less than {LATE_CANCEL_HOURS} hours before the start.",
        table=Table(
            ["Office", "Visits due", "No-shows", "No-show rate", "Late cancellations", "Late-cancel rate"],
            [[names.get(pk, "?"), *rates(by_office[pk])] for pk in offices]
            + ([["All offices", *rates(overall)]] if len(offices) > 1 else []),
        ),
        chart=charts.bars(
            key="attendance-by-office",
            title="No-show and late-cancel rates by office",
            description="No-show rate and late-cancellation rate, in percent, per office.",
            categories=[names.get(pk, "?") for pk in offices],
            series=[
                ("No-show rate", [_percent(by_office[pk]["due_no_show"], by_office[pk]["due"]) for pk in offices]),
                (
                    "Late-cancel rate",
                    [_percent(by_office[pk]["due_late_cancel"], by_office[pk]["due"]) for pk in offices],
                ),
            ],
            unit="%",
        ),
        headlines=[
            ("No-show rate", share(overall["due_no_show"], overall["due"])),
            ("Late-cancel rate", share(overall["due_late_cancel"], overall["due"])),
        ],
    )
    return [by_type_figure, weekly_figure, attendance]


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


# --- Utilization ------------------------------------------------------------------------------


@metric("provider-utilization", "room-utilization")
def utilization(scope: Scope) -> list[Figure]:
    booked_rows = (
        Appointment.objects.filter(
            scope.at_office("office"), start__gte=scope.start, start__lt=scope.end, status__in=HELD
        )
        .values("provider_id", "room_id")
        .annotate(hours=Sum(HoursBetween(F("end"), F("start"))))
        .order_by()
    )
    booked_provider: dict[int, float] = defaultdict(float)
    booked_room: dict[int, float] = defaultdict(float)
    for row in booked_rows:
        booked_provider[row["provider_id"]] += row["hours"] or 0
        booked_room[row["room_id"]] += row["hours"] or 0

    offices = [scope.office] if scope.office is not None else list(scope.offices)
    schedule = WorkingHours(offices=offices, role=None, first=scope.first, last=scope.last)
    available_provider: dict[int, float] = defaultdict(float)
    open_office: dict[int, float] = defaultdict(float)
    day = scope.first
    while day <= scope.last:
        for office in offices:
            sessions = schedule.for_day(office, day)
            for provider_id, intervals in sessions.items():
                available_provider[provider_id] += sum(end - start for start, end in intervals) / 3600
            open_office[office.pk] += (
                sum(end - start for start, end in merge(i for v in sessions.values() for i in v)) / 3600
            )
        day += datetime.timedelta(days=1)

    provider_ids = sorted(set(booked_provider) | set(available_provider))
    staff = {p.pk: p.display_name for p in StaffProfile.objects.filter(pk__in=provider_ids).select_related("user")}
    providers = sorted(provider_ids, key=lambda pk: staff.get(pk, ""))
    rooms = list(
        Room.objects.filter(Q(office__in=offices) & (Q(is_active=True) | Q(pk__in=list(booked_room)))).select_related(
            "office"
        )
    )

    def row(label: str, booked: float, available: float) -> list[str]:
        return [label, hours(booked), hours(available), share(round(booked * 60), round(available * 60))]

    provider_figure = Figure(
        key="provider-utilization",
        title="Provider utilization",
        description="Hours booked with each provider (visits that held the slot, no-shows included) against "
        "the hours of their sessions in the period (weekly sessions and extra sessions, less time off "
        "and office closures).",
        table=Table(
            ["Provider", "Booked hours", "Available hours", "Utilization"],
            [row(staff.get(pk, "?"), booked_provider[pk], available_provider[pk]) for pk in providers],
        ),
        chart=charts.bars(
            key="provider-utilization",
            title="Provider utilization",
            description="Booked hours as a percentage of available hours, per provider.",
            categories=[staff.get(pk, "?") for pk in providers],
            series=[
                (
                    "Utilization",
                    [_percent(round(booked_provider[pk] * 60), round(available_provider[pk] * 60)) for pk in providers],
                )
            ],
            unit="%",
        ),
    )
    total_booked = sum(booked_provider.values())
    total_available = sum(available_provider.values())
    provider_figure.headlines = [("Provider utilization", share(round(total_booked * 60), round(total_available * 60)))]
    room_label = {
        room.pk: (room.name if scope.office is not None else f"{room.office.name} · {room.name}") for room in rooms
    }
    rooms.sort(key=lambda r: room_label[r.pk])
    room_figure = Figure(
        key="room-utilization",
        title="Room utilization",
        description="Hours each room was booked against the hours its office was open (any provider in session).",
        table=Table(
            ["Room", "Booked hours", "Open hours", "Utilization"],
            [row(room_label[r.pk], booked_room[r.pk], open_office[r.office_id]) for r in rooms],
        ),
        chart=charts.bars(
            key="room-utilization",
            title="Room utilization",
            description="Booked hours as a percentage of open hours, per room.",
            categories=[room_label[r.pk] for r in rooms],
            series=[
                (
                    "Utilization",
                    [_percent(round(booked_room[r.pk] * 60), round(open_office[r.office_id] * 60)) for r in rooms],
                )
            ],
            unit="%",
        ),
    )
    return [provider_figure, room_figure]


# --- Procedures and outcomes ------------------------------------------------------------------


def _procedures_done(scope: Scope) -> Any:
    office = (
        Q()
        if scope.office is None
        else Q(appointment__office=scope.office) | Q(appointment__isnull=True, plan__evaluation__office=scope.office)
    )
    return PlanItem.objects.filter(
        office, kind__in=PROCEDURE_KINDS, status__in=DONE, done_on__gte=scope.first, done_on__lte=scope.last
    )


def _kind_label(kind: str) -> str:
    return ItemKind(kind).label


@metric("procedures-by-type")
def procedures(scope: Scope) -> list[Figure]:
    rows = {row["kind"]: row["n"] for row in _procedures_done(scope).values("kind").annotate(n=Count("pk")).order_by()}
    kinds = [k for k in PROCEDURE_KINDS if k in rows]
    return [
        Figure(
            key="procedures-by-type",
            title="Procedures done, by type",
            description="Procedures on signed treatment plans marked done in the period.",
            table=Table(["Procedure", "Done"], [[_kind_label(k), count(rows[k])] for k in kinds]),
            chart=charts.bars(
                key="procedures-by-type",
                title="Procedures done by type",
                description="Number of procedures done in the period, per type.",
                categories=[_kind_label(k) for k in kinds],
                series=[("Done", [rows[k] for k in kinds])],
            ),
            headlines=[("Procedures done", count(sum(rows.values())))],
        )
    ]


@metric("visit-to-treatment")
def first_visit_to_treatment(scope: Scope) -> list[Figure]:
    earlier = PlanItem.objects.filter(
        plan__patient=OuterRef("plan__patient"), kind__in=PROCEDURE_KINDS, status__in=DONE
    ).filter(Q(done_on__lt=OuterRef("done_on")) | Q(done_on=OuterRef("done_on"), pk__lt=OuterRef("pk")))
    first_treatments = (
        _procedures_done(scope)
        .filter(~Exists(earlier))
        .annotate(first_visit=_first_visit_day(scope, "plan__patient", None, [Status.COMPLETED.value]))
        .annotate(wait=DaysBetween(F("done_on"), F("first_visit")))
    )
    stats = median_and_p90(first_treatments, "wait")
    return [
        Figure(
            key="visit-to-treatment",
            title="Days from first visit to treatment",
            description="For patients whose first procedure was done in the period: calendar days from their "
            "first completed visit to that procedure.",
            table=Table(
                ["Measure", "Days"],
                [
                    ["Median", days(stats["median"])],
                    ["90th percentile", days(stats["p90"])],
                    ["Patients treated for the first time", count(stats["total"])],
                ],
            ),
            headlines=[("Median days to treatment", days(stats["median"]))],
        )
    ]


def _leg_vcss(*, after: bool) -> Subquery:
    """The treated leg's VCSS total in the last signed note on or before the procedure day, or the first after it."""
    legs = LegAssessment.objects.filter(
        evaluation__patient=OuterRef("plan__patient"), evaluation__status="signed", side=OuterRef("side")
    )
    if after:
        legs = legs.filter(evaluation__visit_date__gt=OuterRef("done_on")).order_by("evaluation__visit_date", "pk")
    else:
        legs = legs.filter(evaluation__visit_date__lte=OuterRef("done_on")).order_by("-evaluation__visit_date", "-pk")
    total = sum((F(item) for item in vcss.ITEMS[1:]), F(vcss.ITEMS[0]))
    return Subquery(legs.annotate(total=total).values("total")[:1])


@metric("vcss-outcomes")
def outcomes(scope: Scope) -> list[Figure]:
    paired = Q(before__isnull=False, after__isnull=False)
    rows = {
        row["kind"]: row
        for row in _procedures_done(scope)
        .annotate(before=_leg_vcss(after=False), after=_leg_vcss(after=True))
        .values("kind")
        .annotate(
            done=Count("pk"),
            pairs=Count("pk", filter=paired),
            mean_before=Avg("before", filter=paired),
            mean_after=Avg("after", filter=paired),
        )
        .order_by()
    }
    kinds = [k for k in PROCEDURE_KINDS if k in rows]

    def mean(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    table = Table(
        ["Procedure", "Procedures", "With VCSS before and after", "Mean VCSS before", "Mean VCSS after", "Change"],
        [
            [
                _kind_label(k),
                count(rows[k]["done"]),
                count(rows[k]["pairs"]),
                mean(rows[k]["mean_before"]),
                mean(rows[k]["mean_after"]),
                "–"
                if rows[k]["mean_before"] is None
                else f"{float(rows[k]['mean_after']) - float(rows[k]['mean_before']):+.1f}",
            ]
            for k in kinds
        ],
    )
    return [
        Figure(
            key="vcss-outcomes",
            title="VCSS before and after treatment",
            description="Revised Venous Clinical Severity Score (0-30; Vasquez 2010) of the treated leg: the last "
            "signed note on or before the procedure day against the first signed note after it. Means over "
            "the procedures that have both.",
            table=table,
            chart=charts.bars(
                key="vcss-outcomes",
                title="Mean VCSS before and after, by procedure",
                description="Mean VCSS of the treated leg before and after, per procedure type.",
                categories=[_kind_label(k) for k in kinds],
                series=[
                    ("Before", [_maybe(rows[k]["mean_before"]) for k in kinds]),
                    ("After", [_maybe(rows[k]["mean_after"]) for k in kinds]),
                ],
            ),
        )
    ]


def _maybe(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def _mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _hasti_total(scope: Scope, occasion: str, *, after: bool) -> Subquery:
    """The patient's HASTI total on ``occasion``: the last answered on or before the procedure day
    (a local day), or the first answered after it."""
    scores = SymptomScore.objects.filter(patient=OuterRef("plan__patient"), occasion=occasion).annotate(
        day=TruncDate("recorded_at", tzinfo=scope.zone)
    )
    if after:
        scores = scores.filter(day__gt=OuterRef("done_on")).order_by("recorded_at", "pk")
    else:
        scores = scores.filter(day__lte=OuterRef("done_on")).order_by("-recorded_at", "-pk")
    total = sum((F(item) for item in HASTI_ITEMS[1:]), F(HASTI_ITEMS[0]))
    return Subquery(scores.annotate(total=total).values("total")[:1])


# The follow-ups the clinic asks for after a procedure (intake.models.Occasion), each set against baseline.
FOLLOW_UPS = (("six_weeks", "6 weeks"), ("six_months", "6 months"))


@metric("pro-outcomes")
def patient_reported_outcomes(scope: Scope) -> list[Figure]:
    annotations = {"baseline": _hasti_total(scope, Occasion.BASELINE, after=False)}
    aggregates: dict[str, Any] = {"done": Count("pk")}
    for occasion, _label in FOLLOW_UPS:
        annotations[occasion] = _hasti_total(scope, occasion, after=True)
        paired = Q(baseline__isnull=False, **{f"{occasion}__isnull": False})
        aggregates[f"{occasion}_pairs"] = Count("pk", filter=paired)
        aggregates[f"{occasion}_before"] = Avg("baseline", filter=paired)
        aggregates[f"{occasion}_after"] = Avg(occasion, filter=paired)
    rows = {
        row["kind"]: row
        for row in _procedures_done(scope).annotate(**annotations).values("kind").annotate(**aggregates).order_by()
    }
    kinds = [k for k in PROCEDURE_KINDS if k in rows]
    columns = ["Procedure", "Procedures"]
    for _occasion, label in FOLLOW_UPS:
        columns += [f"With baseline and {label}", f"Mean baseline (paired with {label})", f"Mean at {label}"]
    table = Table(
        columns,
        [
            [
                _kind_label(k),
                count(rows[k]["done"]),
                *(
                    cell
                    for occasion, _label in FOLLOW_UPS
                    for cell in (
                        count(rows[k][f"{occasion}_pairs"]),
                        _mean(rows[k][f"{occasion}_before"]),
                        _mean(rows[k][f"{occasion}_after"]),
                    )
                ),
            ]
            for k in kinds
        ],
    )
    series = []
    for occasion, label in FOLLOW_UPS:
        series.append((f"Baseline (paired with {label})", [_maybe(rows[k][f"{occasion}_before"]) for k in kinds]))
        series.append((f"At {label}", [_maybe(rows[k][f"{occasion}_after"]) for k in kinds]))
    return [
        Figure(
            key="pro-outcomes",
            title="Patient-reported symptoms before and after treatment",
            description="HASTI symptom total (heaviness, achiness, swelling, throbbing, itching, each 0-5; "
            "0-25, lower is better; VQI Varicose Vein Registry) for procedures done in the period: the "
            "patient's last baseline questionnaire on or before the procedure day against the first "
            "6-week and the first 6-month questionnaire after it. Means over the procedures that have "
            "both (n beside each).",
            table=table,
            chart=charts.bars(
                key="pro-outcomes",
                title="Mean HASTI total before and after, by procedure",
                description="Mean HASTI total at baseline and at 6 weeks and 6 months, over the same "
                "procedures, per procedure type.",
                categories=[_kind_label(k) for k in kinds],
                series=series,
            ),
        )
    ]


# --- Prior authorizations ---------------------------------------------------------------------


def _requests_submitted(scope: Scope) -> Any:
    """Prior authorizations sent to the payer in the period (by the day they were submitted), at the
    office of the procedure's appointment or, unbooked, of the note behind its plan or, with
    neither, the patient's own office."""
    office = (
        Q()
        if scope.office is None
        else Q(item__appointment__office=scope.office)
        | Q(item__appointment__isnull=True, item__plan__evaluation__office=scope.office)
        | Q(
            item__appointment__isnull=True,
            item__plan__evaluation__isnull=True,
            item__plan__patient__preferred_office=scope.office,
        )
    )
    return PriorAuthorization.objects.filter(
        office, submitted_on__gte=scope.first, submitted_on__lte=scope.last
    ).annotate(
        at_office=Coalesce(
            "item__appointment__office", "item__plan__evaluation__office", "item__plan__patient__preferred_office"
        )
    )


PRIOR_AUTH_OUTCOMES = (
    AuthorizationStatus.PENDING,
    AuthorizationStatus.APPROVED,
    AuthorizationStatus.DENIED,
    AuthorizationStatus.APPEALED,
)


@metric("prior-auth-outcomes")
def prior_authorizations(scope: Scope) -> list[Figure]:
    rows = (
        _requests_submitted(scope)
        .values("at_office")
        .annotate(
            submitted=Count("pk"),
            **{status.value: Count("pk", filter=Q(status=status)) for status in PRIOR_AUTH_OUTCOMES},
        )
        .order_by()
    )
    by_office = {row["at_office"]: row for row in rows}
    names = _office_names(scope)
    offices = sorted(by_office, key=lambda pk: names.get(pk, "~"))
    fields = ("submitted", *(status.value for status in PRIOR_AUTH_OUTCOMES))
    overall = {f: sum(row[f] for row in by_office.values()) for f in fields}

    def decided(totals: dict[str, int]) -> int:
        return totals["approved"] + totals["denied"] + totals["appealed"]

    def cells(totals: dict[str, int]) -> list[str]:
        return [*(count(totals[f]) for f in fields), share(totals["approved"], decided(totals))]

    labels = [names.get(pk, "Office not recorded") for pk in offices]
    return [
        Figure(
            key="prior-auth-outcomes",
            title="Prior authorizations by outcome",
            description="Prior-authorization requests submitted to payers in the period (by the day they "
            "were submitted), per office of the procedure, by their status now. The approval rate is the "
            "approved share of those the payer has answered: approved, denied, and appealed (a denial "
            "the clinic has appealed). VeinFlow keeps the day a request was submitted but not the day "
            "the payer answered, so days to a decision are not shown.",
            table=Table(
                ["Office", "Submitted", "Pending", "Approved", "Denied", "Appealed", "Approval rate"],
                [[label, *cells(by_office[pk])] for pk, label in zip(offices, labels, strict=True)]
                + ([["All offices", *cells(overall)]] if len(offices) > 1 else []),
            ),
            chart=charts.bars(
                key="prior-auth-outcomes",
                title="Prior authorizations by office and outcome",
                description="Requests submitted in the period, per office, by status.",
                categories=labels,
                series=[
                    (status.label, [by_office[pk][status.value] for pk in offices]) for status in PRIOR_AUTH_OUTCOMES
                ],
            ),
            headlines=[("Prior-auth approval rate", share(overall["approved"], decided(overall)))],
        )
    ]


# --- Reminders --------------------------------------------------------------------------------


@metric("reminder-delivery")
def reminders(scope: Scope) -> list[Figure]:
    rows = {
        row["channel"]: row
        for row in Reminder.objects.filter(scope.at_office("office"), due_at__gte=scope.start, due_at__lt=scope.end)
        .values("channel")
        .annotate(
            total=Count("pk"),
            sent=Count("pk", filter=Q(status=ReminderStatus.SENT)),
            failed=Count("pk", filter=Q(status=ReminderStatus.FAILED)),
            opted_out=Count("pk", filter=Q(status=ReminderStatus.SKIPPED) & OPT_OUT),
            skipped=Count("pk", filter=Q(status=ReminderStatus.SKIPPED) & ~OPT_OUT),
        )
        .order_by()
    }
    channels = sorted(rows)
    labels = {"email": "Email", "sms": "Text message"}
    fields = ("sent", "failed", "opted_out", "skipped")
    all_sent = sum(r["sent"] for r in rows.values())
    all_tried = sum(r["sent"] + r["failed"] for r in rows.values())
    return [
        Figure(
            key="reminder-delivery",
            title="Reminder delivery",
            description="Messages due in the period by how they ended: sent (the provider accepted it), failed, "
            "not sent because the patient opted out (replied STOP, withdrew consent, or prefers another "
            "channel), or not sent for another reason (the visit was cancelled, no address).",
            table=Table(
                ["Channel", "Due", "Sent", "Failed", "Opted out", "Not sent, other reason", "Delivery rate"],
                [
                    [
                        labels.get(c, c),
                        count(rows[c]["total"]),
                        *(count(rows[c][f]) for f in fields),
                        share(rows[c]["sent"], rows[c]["sent"] + rows[c]["failed"]),
                    ]
                    for c in channels
                ],
            ),
            chart=charts.bars(
                key="reminder-delivery",
                title="Reminders by channel",
                description="Sent, failed and opted-out reminders per channel.",
                categories=[labels.get(c, c) for c in channels],
                series=[
                    ("Sent", [rows[c]["sent"] for c in channels]),
                    ("Failed", [rows[c]["failed"] for c in channels]),
                    ("Opted out", [rows[c]["opted_out"] for c in channels]),
                ],
            ),
            headlines=[("Reminders delivered", share(all_sent, all_tried))],
        )
    ]
