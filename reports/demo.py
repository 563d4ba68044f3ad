"""Demo: a practice manager login, and a past for the dashboard to show.

- Twelve weeks of duplex scans at Danville, most kept, some missed or cancelled.
- Seven treated patients at Danville, Lafayette and Concord over the last year, each through
  the vein workflow: a completed first visit with a signed note (VCSS) and the HASTI
  questionnaire before it, a signed plan whose procedure (RFA, VenaSeal or Varithena) the payer
  authorized, the procedure booked and done, the post-ablation duplex, and a follow-up visit
  with a signed note (a lower VCSS) and the 6-week (for the earlier ones also the 6-month)
  questionnaire. At the follow-up a second procedure is planned, its prior authorization
  pending, denied or appealed.

Idempotent: the history is written once (its visits carry HISTORY_NOTE, the treatment
history's plans TREATMENT_NOTE), the login refreshed. Every day is counted back from the
day of the first load.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from clinic.demo import DEMO_PASSWORD, _demo_authenticator
from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role
from evaluations.demo import signed_note
from evaluations.models import PlanItem, TreatmentPlan
from evaluations.models.plans import ItemStatus
from evaluations.models.safety import AuthorizationStatus
from evaluations.rules.procedures import CompressionClass, ItemKind
from evaluations.services.authorizations import update_prior_authorization
from evaluations.services.plans import start_plan
from intake.models import Occasion, Patient, SymptomScore
from intake.services import record_symptom_score
from scheduling.models import Appointment, AppointmentEvent, AppointmentType, Reminder, ReminderStatus, Status

HISTORY_NOTE = "Demo history"
TREATMENT_NOTE = "Demo treatment history"
WEEKS = 12


@transaction.atomic
def load_demo() -> dict[str, int]:
    manager, created = get_user_model().objects.get_or_create(
        username="manager",
        defaults={"first_name": "Mara", "last_name": "Nguyen", "email": "manager@veinflow.invalid"},
    )
    if created:
        manager.set_password(DEMO_PASSWORD)
        manager.save(update_fields=["password"])
    manager.groups.add(Group.objects.get(name=Role.PRACTICE_MANAGER.value))
    _demo_authenticator(manager)
    # The duplex history first: it takes the demo patients that exist before the treated ones.
    return {"practice manager": 1, "past visits": _past_visits(), "treated patients": _treatment_history()}


def _visit(
    *,
    patient: Patient,
    code: str,
    office: Office,
    provider: StaffProfile,
    room_kind: str,
    start: datetime.datetime,
    desk: Any,
    status: str = Status.COMPLETED,
    notes: str = HISTORY_NOTE,
) -> Appointment:
    """A visit in the past, written as it ended (the booking service books only ahead of now)."""
    kind = AppointmentType.objects.get(code=code)
    return Appointment.objects.create(
        patient=patient,
        appointment_type=kind,
        office=office,
        provider=provider,
        room=Room.objects.filter(office=office, kind=room_kind).order_by("name").first(),
        start=start,
        end=start + datetime.timedelta(minutes=kind.duration_minutes),
        status=status,
        cancel_reason="Patient called" if status == Status.CANCELLED else "",
        notes=notes,
        booked_by=desk,
    )


def _past_visits() -> int:
    """Three duplex scans each Monday, Wednesday and Friday morning, most kept, some missed or cancelled."""
    office = Office.objects.filter(slug="danville").first()
    provider = StaffProfile.objects.filter(user__username="sonographer").first()
    desk = get_user_model().objects.filter(username="frontdesk").first()
    room = Room.objects.filter(office=office, kind=Room.Kind.ULTRASOUND).first()
    patients = list(Patient.objects.order_by("pk")[:6])
    if None in (office, provider, desk, room) or not patients:
        return 0
    if Appointment.objects.filter(office=office, notes=HISTORY_NOTE).exists():
        return 0
    today = timezone.now().astimezone(office.zone).date()
    made = 0
    for back in range(WEEKS * 7, 0, -1):
        day = today - datetime.timedelta(days=back)
        if day.weekday() not in (0, 2, 4):
            continue
        for hour in (8, 9, 10):
            start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=office.zone)
            status = Status.NO_SHOW if made % 10 == 3 else Status.CANCELLED if made % 13 == 5 else Status.COMPLETED
            visit = _visit(
                patient=patients[made % len(patients)],
                code="duplex",
                office=office,
                provider=provider,
                room_kind=Room.Kind.ULTRASOUND,
                start=start,
                desk=desk,
                status=status,
            )
            if status == Status.CANCELLED:
                ahead = datetime.timedelta(hours=3) if made % 2 else datetime.timedelta(days=2)
                AppointmentEvent.objects.create(
                    appointment=visit, from_status=Status.BOOKED, to_status=Status.CANCELLED, by=desk, at=start - ahead
                )
            failed = made % 17 == 0
            Reminder.objects.create(
                patient=visit.patient,
                office=office,
                appointment=visit,
                kind="reminder",
                channel="sms",
                offset_hours=24,
                due_at=start - datetime.timedelta(hours=24),
                status=ReminderStatus.FAILED if failed else ReminderStatus.SENT,
                sent_at=None if failed else start - datetime.timedelta(hours=24),
                provider_message_id="" if failed else f"demo-{made}",
                error="30006 landline" if failed else "",
            )
            made += 1
    return made


# --- Treated patients ----------------------------------------------------------------------------

# Who works where, and on which weekdays (scheduling.demo's sessions): (physician, weekdays).
TREATING = {
    "danville": ("physician", (0, 1)),
    "lafayette": ("physician", (2, 3)),
    "concord": ("demo-dr-eastbay", (0, 1)),
}
SONOGRAPHER = "sonographer"
PAYERS = {
    "aetna": "Aetna (example plan)",
    "uhc": "UnitedHealthcare (example plan)",
    "medicare": "Medicare (example)",
}
# VCSS items of the treated leg before the procedure and at the follow-up (Vasquez 2010).
CEAP_TREATED = {
    "clinical_classes": ["C2", "C3"],
    "symptomatic": True,
    "etiology": "Ep",
    "anatomy_superficial": True,
    "pathophysiology": "Pr",
}


@dataclass(frozen=True)
class Treated:
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    sex: str
    phone: str
    office: str  # slug
    payer: str  # key of PAYERS
    kind: str  # ItemKind
    side: str
    segment: str
    first_visit: int  # days before the load date
    wait: int  # days from the first visit to the procedure
    vcss_before: dict[str, int]
    vcss_after: dict[str, int]
    hasti: dict[str, tuple[int, ...]]  # occasion: heaviness, achiness, swelling, throbbing, itching
    # The second procedure planned at the follow-up, and its prior authorization's outcome.
    next_kind: str
    next_side: str
    next_segment: str
    next_outcome: str
    other_leg: dict[str, Any] = field(default_factory=lambda: {"clinical_classes": ["C1"], "symptomatic": False})


TREATED = [
    Treated(
        "Odile",
        "Brackenridge",
        datetime.date(1962, 5, 17),
        "F",
        "+19255550140",
        "danville",
        "aetna",
        ItemKind.RFA,
        "L",
        "GSVa",
        first_visit=305,
        wait=42,
        vcss_before={"pain": 2, "varicose_veins": 2, "venous_edema": 2, "skin_pigmentation": 1, "compression": 2},
        vcss_after={"pain": 0, "varicose_veins": 1, "venous_edema": 1, "skin_pigmentation": 1, "compression": 1},
        hasti={"baseline": (4, 4, 3, 3, 2), "six_weeks": (1, 2, 2, 1, 1), "six_months": (1, 1, 1, 0, 1)},
        next_kind=ItemKind.VARITHENA,
        next_side="L",
        next_segment="AASV",
        next_outcome=AuthorizationStatus.PENDING,
    ),
    Treated(
        "Caspar",
        "Wrenfield",
        datetime.date(1955, 9, 3),
        "M",
        "+19255550141",
        "danville",
        "medicare",
        ItemKind.VENASEAL,
        "R",
        "GSVa",
        first_visit=255,
        wait=35,
        vcss_before={"pain": 2, "varicose_veins": 2, "venous_edema": 1, "skin_pigmentation": 2, "compression": 2},
        vcss_after={"pain": 1, "varicose_veins": 1, "venous_edema": 1, "skin_pigmentation": 2, "compression": 1},
        hasti={"baseline": (3, 4, 3, 2, 3), "six_weeks": (2, 2, 2, 1, 2), "six_months": (1, 1, 2, 1, 1)},
        next_kind=ItemKind.RFA,
        next_side="L",
        next_segment="SSV",
        next_outcome=AuthorizationStatus.DENIED,
        other_leg={"clinical_classes": ["C2"], "symptomatic": True, "pain": 1, "varicose_veins": 1},
    ),
    Treated(
        "Imogen",
        "Thistlewood",
        datetime.date(1970, 2, 11),
        "F",
        "+19255550142",
        "danville",
        "uhc",
        ItemKind.VARITHENA,
        "L",
        "GSVb",
        first_visit=150,
        wait=28,
        vcss_before={"pain": 2, "varicose_veins": 3, "venous_edema": 1, "compression": 1},
        vcss_after={"pain": 1, "varicose_veins": 1, "venous_edema": 0, "compression": 1},
        hasti={"baseline": (3, 3, 2, 3, 2), "six_weeks": (1, 1, 1, 1, 1)},
        next_kind=ItemKind.VARITHENA,
        next_side="L",
        next_segment="AASV",
        next_outcome=AuthorizationStatus.APPEALED,
    ),
    Treated(
        "Rufus",
        "Ambercott",
        datetime.date(1968, 12, 29),
        "M",
        "+19255550143",
        "lafayette",
        "aetna",
        ItemKind.RFA,
        "R",
        "GSVa",
        first_visit=320,
        wait=56,
        vcss_before={"pain": 3, "varicose_veins": 2, "venous_edema": 2, "skin_pigmentation": 1, "compression": 2},
        vcss_after={"pain": 1, "varicose_veins": 1, "venous_edema": 1, "skin_pigmentation": 1, "compression": 1},
        hasti={"baseline": (5, 4, 4, 3, 2), "six_weeks": (2, 2, 2, 1, 1), "six_months": (1, 1, 1, 1, 1)},
        next_kind=ItemKind.RFA,
        next_side="L",
        next_segment="GSVa",
        next_outcome=AuthorizationStatus.APPEALED,
        other_leg={"clinical_classes": ["C2"], "symptomatic": True, "pain": 1, "varicose_veins": 2},
    ),
    Treated(
        "Leonie",
        "Farthingale",
        datetime.date(1976, 7, 8),
        "F",
        "+19255550144",
        "lafayette",
        "uhc",
        ItemKind.RFA,
        "L",
        "SSV",
        first_visit=180,
        wait=21,
        vcss_before={"pain": 2, "varicose_veins": 2, "venous_edema": 1, "compression": 2},
        vcss_after={"pain": 0, "varicose_veins": 1, "venous_edema": 0, "compression": 1},
        hasti={"baseline": (3, 3, 3, 2, 1), "six_weeks": (1, 1, 1, 0, 1)},
        next_kind=ItemKind.VARITHENA,
        next_side="L",
        next_segment="GSVb",
        next_outcome=AuthorizationStatus.PENDING,
    ),
    Treated(
        "Winifred",
        "Coldharbour",
        datetime.date(1951, 4, 22),
        "F",
        "+19255550145",
        "concord",
        "medicare",
        ItemKind.VENASEAL,
        "L",
        "GSVa",
        first_visit=290,
        wait=49,
        vcss_before={"pain": 2, "varicose_veins": 2, "venous_edema": 2, "skin_pigmentation": 2, "compression": 2},
        vcss_after={"pain": 1, "varicose_veins": 1, "venous_edema": 1, "skin_pigmentation": 2, "compression": 1},
        hasti={"baseline": (4, 3, 4, 2, 3), "six_weeks": (2, 2, 3, 1, 2), "six_months": (2, 1, 2, 1, 1)},
        next_kind=ItemKind.RFA,
        next_side="R",
        next_segment="GSVa",
        next_outcome=AuthorizationStatus.DENIED,
        other_leg={"clinical_classes": ["C2"], "symptomatic": True, "pain": 1, "varicose_veins": 1},
    ),
    Treated(
        "Ansel",
        "Marchbank",
        datetime.date(1980, 10, 30),
        "M",
        "+19255550146",
        "concord",
        "aetna",
        ItemKind.RFA,
        "R",
        "GSVa",
        first_visit=130,
        wait=30,
        vcss_before={"pain": 2, "varicose_veins": 2, "venous_edema": 1, "compression": 2},
        vcss_after={"pain": 1, "varicose_veins": 1, "venous_edema": 0, "compression": 1},
        hasti={"baseline": (3, 4, 2, 2, 2), "six_weeks": (1, 2, 1, 1, 1)},
        next_kind=ItemKind.VARITHENA,
        next_side="R",
        next_segment="AASV",
        next_outcome=AuthorizationStatus.APPEALED,
    ),
]
HASTI = ("heaviness", "achiness", "swelling", "throbbing", "itching")
# How the follow-up's second request got where it is: each status in turn.
OUTCOME_STEPS = {
    AuthorizationStatus.PENDING: [AuthorizationStatus.PENDING],
    AuthorizationStatus.DENIED: [AuthorizationStatus.PENDING, AuthorizationStatus.DENIED],
    AuthorizationStatus.APPEALED: [
        AuthorizationStatus.PENDING,
        AuthorizationStatus.DENIED,
        AuthorizationStatus.APPEALED,
    ],
}
SIX_WEEKS, SIX_MONTHS = 42, 182


def _workday(day: datetime.date, weekdays: tuple[int, ...]) -> datetime.date:
    """The last day on or before ``day`` that falls on one of ``weekdays``."""
    while day.weekday() not in weekdays:
        day -= datetime.timedelta(days=1)
    return day


def _treatment_history() -> int:
    """The treated patients (TREATED), once: their plans carry TREATMENT_NOTE."""
    users = get_user_model()
    desk = users.objects.filter(username="frontdesk").first()
    sonographer = StaffProfile.objects.filter(user__username=SONOGRAPHER).select_related("user").first()
    offices = {office.slug: office for office in Office.objects.filter(slug__in=TREATING)}
    physicians = {
        profile.user.username: profile
        for profile in StaffProfile.objects.filter(
            user__username__in=[name for name, _days in TREATING.values()]
        ).select_related("user")
    }
    if desk is None or sonographer is None or len(offices) < len(TREATING) or len(physicians) < 2:
        return 0
    if TreatmentPlan.objects.filter(notes=TREATMENT_NOTE).exists():
        return 0
    today = timezone.localdate()
    for index, demo in enumerate(TREATED):
        office = offices[demo.office]
        username, weekdays = TREATING[demo.office]
        _treat(demo, index, office, physicians[username], weekdays, sonographer, desk, today)
    return len(TREATED)


def _treat(demo: Treated, index: int, office: Office, physician: StaffProfile, weekdays, sonographer, desk, today):
    """One patient through the workflow, in the order it happened. Each patient keeps their own
    hour of the physician's day (and half-hour of the sonographer's), so no two visits overlap."""
    doctor = physician.user
    zone = office.zone

    def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)

    patient = Patient.objects.create(
        first_name=demo.first_name,
        last_name=demo.last_name,
        date_of_birth=demo.date_of_birth,
        sex_at_birth=demo.sex,
        phone=demo.phone,
        email=f"{demo.first_name.lower()}@example.invalid",
        preferred_office=office,
        insurance_payer=PAYERS[demo.payer],
        insurance_member_id=f"EXM{index + 1:06d}",
    )
    hour = 8 + index
    first = _workday(today - datetime.timedelta(days=demo.first_visit), weekdays)
    done_on = _workday(first + datetime.timedelta(days=demo.wait), weekdays)
    follow_up = _workday(done_on + datetime.timedelta(days=SIX_WEEKS), weekdays)

    def hasti(occasion: str, moment: datetime.datetime) -> None:
        if occasion in demo.hasti:
            record_symptom_score(
                patient=patient,
                scores=dict(zip(HASTI, demo.hasti[occasion], strict=True)),
                occasion=occasion,
                source=SymptomScore.Source.STAFF,
                entered_by=desk,
                now=moment,
            )

    def visit(code: str, room_kind: str, start: datetime.datetime, provider: StaffProfile = physician) -> Appointment:
        appointment = _visit(
            patient=patient,
            code=code,
            office=office,
            provider=provider,
            room_kind=room_kind,
            start=start,
            desk=desk,
            notes=TREATMENT_NOTE,
        )
        AppointmentEvent.objects.create(
            appointment=appointment,
            kind=AppointmentEvent.Kind.BOOKED,
            to_status=Status.BOOKED,
            by=desk,
            at=start - datetime.timedelta(days=10),
        )
        AppointmentEvent.objects.create(
            appointment=appointment,
            from_status=Status.BOOKED,
            to_status=Status.CHECKED_IN,
            by=desk,
            at=start - datetime.timedelta(minutes=10),
        )
        AppointmentEvent.objects.create(
            appointment=appointment,
            from_status=Status.CHECKED_IN,
            to_status=Status.COMPLETED,
            by=provider.user,
            at=appointment.end,
        )
        return appointment

    side = "left" if demo.side == "L" else "right"
    kind = ItemKind(demo.kind).label
    # The first visit: the questionnaire in the waiting room, the consult, the note.
    hasti(Occasion.BASELINE, at(first, hour) - datetime.timedelta(minutes=20))
    visit("new_consult", Room.Kind.EXAM, at(first, hour))
    other = "L" if demo.side == "R" else "R"
    before = signed_note(
        patient=patient,
        office=office,
        physician=doctor,
        visit_date=first,
        legs={
            demo.side: {**CEAP_TREATED, "segments": [demo.segment], "limits_daily_life": True, **demo.vcss_before},
            other: demo.other_leg,
        },
        diagnoses=["I83.811" if demo.side == "R" else "I83.812", "I87.2"],
        history=f"Aching and heaviness in the {side} leg by evening, worse after standing; "
        "20-30 mmHg stockings for three months without relief.",
        exam=f"Varicosities along the {side} leg; mild ankle edema.",
        assessment=f"Symptomatic {side} {demo.segment} reflux despite compression.",
        plan_text=f"{kind} of the {side} {demo.segment} once the payer authorizes it.",
    )
    plan = start_plan(patient=patient, by=doctor, evaluation=before)
    plan.notes = TREATMENT_NOTE
    plan.save(update_fields=["notes"])
    PlanItem.objects.create(
        plan=plan,
        kind=ItemKind.COMPRESSION,
        side=demo.side,
        compression_class=CompressionClass.MMHG_20_30,
        start_date=first - datetime.timedelta(days=100),
        trial_days=90,
    )
    item = PlanItem.objects.create(plan=plan, kind=demo.kind, side=demo.side, target_segment=demo.segment)
    plan.sign(doctor)
    # The payer: asked two days later, approved a week after that.
    submitted = first + datetime.timedelta(days=2)
    reference = f"EXM-{index + 1:02d}01"
    update_prior_authorization(
        item=item, by=desk, status=AuthorizationStatus.PENDING, submitted_on=submitted, payer_reference=reference
    )
    update_prior_authorization(
        item=item,
        by=desk,
        status=AuthorizationStatus.APPROVED,
        number=f"AUTH-{demo.last_name[:3].upper()}{index + 1:03d}",
        units=1,
        valid_until=submitted + datetime.timedelta(days=90),
    )
    item.refresh_from_db()
    # The procedure, booked and done; the post-ablation duplex the next working day.
    item.appointment = visit(demo.kind, Room.Kind.PROCEDURE, at(done_on, hour))
    item.save(update_fields=["appointment", "updated_at"])
    item.move_to(ItemStatus.SCHEDULED)
    item.move_to(ItemStatus.DONE, on=done_on)
    duplex_day = done_on + datetime.timedelta(days=1)
    duplex_at = at(duplex_day, 13) + datetime.timedelta(minutes=30 * index)
    item.follow_up_appointment = visit("post_ablation_duplex", Room.Kind.ULTRASOUND, duplex_at, provider=sonographer)

    item.save(update_fields=["follow_up_appointment", "updated_at"])
    # Six weeks on: the questionnaire, the follow-up visit and its note, a second procedure planned.
    hasti(Occasion.SIX_WEEKS, at(follow_up, hour) - datetime.timedelta(minutes=20))
    visit("follow_up", Room.Kind.EXAM, at(follow_up, hour))
    after = signed_note(
        patient=patient,
        office=office,
        physician=doctor,
        visit_date=follow_up,
        legs={
            demo.side: {**CEAP_TREATED, "segments": [demo.segment], **demo.vcss_after},
            other: demo.other_leg,
        },
        diagnoses=["I87.2"],
        history=f"Six weeks after {kind.lower()} of the {side} {demo.segment}: less aching, no calf pain.",
        exam="Treated vein closed on the duplex after the procedure; bruising resolved.",
        assessment="Good response to treatment.",
        plan_text=f"{ItemKind(demo.next_kind).label} of the {demo.next_segment} to follow; authorization requested.",
    )
    item.move_to(ItemStatus.FOLLOWED_UP)
    second = start_plan(patient=patient, by=doctor, evaluation=after)
    second.notes = TREATMENT_NOTE
    second.save(update_fields=["notes"])
    next_item = PlanItem.objects.create(
        plan=second, kind=demo.next_kind, side=demo.next_side, target_segment=demo.next_segment
    )
    second.sign(doctor)
    for step in OUTCOME_STEPS[demo.next_outcome]:
        update_prior_authorization(
            item=next_item,
            by=desk,
            status=step,
            submitted_on=follow_up + datetime.timedelta(days=3),
            payer_reference=f"EXM-{index + 1:02d}02",
        )
    if today - done_on > datetime.timedelta(days=SIX_MONTHS):
        hasti(Occasion.SIX_MONTHS, at(done_on + datetime.timedelta(days=SIX_MONTHS), 11))
