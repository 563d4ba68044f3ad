"""Treatment plans: starting one, scheduling procedures through scheduling, completing them."""

import datetime

from django.db import transaction
from django.utils import timezone

from clinic.models import Office, Room, StaffProfile
from evaluations.models import (
    Evaluation,
    GateOverride,
    PayerRuleSet,
    PlanItem,
    TreatmentPlan,
)
from evaluations.models.plans import NEXT_STATUS, ItemStatus
from evaluations.rules.gates import GateResult
from evaluations.services.gates import item_gates
from intake.models import Patient
from scheduling import services as scheduling
from scheduling.exceptions import BookingConflict, BookingError
from scheduling.models import AppointmentType

POST_ABLATION_DUPLEX = "post_ablation_duplex"  # scheduling's appointment type code
POST_ABLATION_WINDOW_HOURS = 72  # clinic protocol: follow-up duplex within 72 hours of an ablation


@transaction.atomic
def start_plan(*, patient: Patient, by, evaluation: Evaluation | None = None) -> TreatmentPlan:
    rule_set = None
    if patient.insurance_payer:
        rule_set = PayerRuleSet.objects.matching(patient.insurance_payer)
    return TreatmentPlan.objects.create(patient=patient, created_by=by, evaluation=evaluation, payer_rule_set=rule_set)


class ProcedureNotBooked(Exception):
    """A procedure could not be scheduled or its follow-up could not be booked; ``message`` says why."""

    def __init__(self, message: str, *, next_slots: list | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.next_slots = next_slots or []


OVERRIDE_PERMISSION = "evaluations.override_safety_gate"


class SafetyGatesClosed(ProcedureNotBooked):
    """Safety gates refuse the booking; ``result.refusals`` lists every reason."""

    def __init__(self, result: GateResult, message: str = "") -> None:
        count = len(result.refusals)
        checks = "1 safety check refuses" if count == 1 else f"{count} safety checks refuse"
        super().__init__(message or f"Not booked: {checks} this procedure.")
        self.result = result


@transaction.atomic
def schedule_procedure(
    *,
    item: PlanItem,
    office: Office,
    start: datetime.datetime,
    by,
    provider: StaffProfile | None = None,
    room: Room | None = None,
    override_reason: str = "",
    today: datetime.date | None = None,
) -> PlanItem:
    """Book the procedure through scheduling and mark the plan item scheduled.

    The safety gates (evaluations.rules.gates) are judged for the procedure's day first.
    When any is closed the booking is refused with every reason, unless a physician
    (``evaluations.override_safety_gate``) gives a written ``override_reason``: the
    override is then kept as a GateOverride with the refusals it overrode. Warnings
    (blood thinners) never refuse; ``item.gate_result`` holds the judgement for the caller.
    """
    if not item.is_procedure:
        raise ProcedureNotBooked("Only procedures are scheduled.")
    if ItemStatus.SCHEDULED not in NEXT_STATUS[item.status]:
        raise ProcedureNotBooked(f"This procedure is {item.get_status_display().lower()}; it cannot be scheduled now.")
    result = item_gates(item, on=timezone.localtime(start, office.zone).date(), today=today)
    reason = override_reason.strip()
    if result.closed:
        if not reason:
            raise SafetyGatesClosed(result)
        if not by.has_perm(OVERRIDE_PERMISSION):
            raise SafetyGatesClosed(result, "Not booked: only a physician may override the safety checks.")
    appointment_type = AppointmentType.objects.active().filter(code=item.kind).first()
    if appointment_type is None:
        raise ProcedureNotBooked(f"No active appointment type '{item.kind}'; ask the clinic admin.")
    try:
        appointment = scheduling.book_appointment(
            patient=item.plan.patient,
            appointment_type=appointment_type,
            office=office,
            start=start,
            by=by,
            provider=provider,
            room=room,
            notes=f"{item.get_kind_display()}, {item.get_side_display().lower()} {item.target_segment}",
        )
    except BookingConflict as conflict:
        raise ProcedureNotBooked(conflict.message, next_slots=conflict.next_slots) from conflict
    except BookingError as refused:
        raise ProcedureNotBooked(refused.message) from refused
    if result.closed:
        GateOverride.objects.create(
            item=item,
            gates=result.gates,
            refusals="\n".join(str(r) for r in result.refusals),
            reason=reason,
            procedure_on=timezone.localtime(start, office.zone).date(),
            overridden_by=by,
        )
    item.appointment = appointment
    item.save(update_fields=["appointment", "updated_at"])
    item.move_to(ItemStatus.SCHEDULED)
    item.gate_result = result
    return item


@transaction.atomic
def complete_procedure(*, item: PlanItem, by, now: datetime.datetime | None = None) -> PlanItem:
    """Mark an ablation done, book its post-ablation duplex within 72 hours, and line up the
    symptom questionnaires 6 weeks and 6 months later.

    The procedure stays done even when no follow-up slot is free in the window:
    ``item.follow_up_appointment`` is then empty and the page tells the desk to book by hand.

    Clinic protocol (docs/clinical-rules.md, "Treatments"): after an ablation a duplex
    within 72 hours checks for heat-induced thrombosis (EHIT) or DVT. The window comes
    from the appointment type (follows_within_hours), 72 h when the type does not say.
    """
    now = now or timezone.now()
    if not item.is_procedure:
        raise ProcedureNotBooked("Only procedures are completed here.")
    appointment = item.appointment
    office = appointment.office if appointment else (item.plan.patient.preferred_office or None)
    if office is None:
        raise ProcedureNotBooked("The procedure has no appointment and the patient no preferred office.")
    done_on = timezone.localtime(now, office.zone).date()
    item.move_to(ItemStatus.DONE, on=done_on)
    # Clinic policy: the patient rates their symptoms (HASTI) 6 weeks and 6 months after.
    scheduling.schedule_symptom_survey_reminders(patient=item.plan.patient, office=office, done_on=done_on, now=now)
    follow_type = AppointmentType.objects.active().filter(code=POST_ABLATION_DUPLEX).first()
    if follow_type is None:
        return item
    window = datetime.timedelta(hours=follow_type.follows_within_hours or POST_ABLATION_WINDOW_HOURS)
    since = max(appointment.end, now) if appointment else now
    deadline = since + window
    slots = scheduling.find_slots(
        appointment_type=follow_type,
        first_day=timezone.localtime(since, office.zone).date(),
        last_day=timezone.localtime(deadline, office.zone).date(),
        offices=[office],
        patient=item.plan.patient,
        now=since,
    )
    slot = next((s for s in slots if s.end <= deadline), None)
    if slot is None:
        return item
    follow_up = scheduling.book_appointment(
        patient=item.plan.patient,
        appointment_type=follow_type,
        office=office,
        start=slot.start,
        by=by,
        provider=slot.provider,
        room=slot.room,
        notes=f"Post-ablation duplex after {item.get_kind_display()}, {item.get_side_display().lower()}",
    )
    item.follow_up_appointment = follow_up
    item.save(update_fields=["follow_up_appointment", "updated_at"])
    return item


TRIAL_CHECK_HOUR = datetime.time(9)  # the trial-end message is timed for the office's morning


@transaction.atomic
def sign_plan(*, plan: TreatmentPlan, by) -> TreatmentPlan:
    """Sign the plan, then line up a message for each compression trial it starts.

    Payers want a documented conservative trial before an ablation (Aetna CPB 0050, CMS LCD
    L33575/L38720), so the patient is asked to book the follow-up as the trial ends.
    Without a preferred office there is no office to name in the message, so none is sent.
    """
    plan.sign(by)
    office = plan.patient.preferred_office
    if office is None:
        return plan
    for item in plan.items.filter(start_date__isnull=False, trial_days__isnull=False):
        trial_end = item.start_date + datetime.timedelta(days=item.trial_days)
        scheduling.schedule_compression_trial_reminder(
            patient=plan.patient,
            office=office,
            due_at=datetime.datetime.combine(trial_end, TRIAL_CHECK_HOUR, tzinfo=office.zone),
        )
    return plan
