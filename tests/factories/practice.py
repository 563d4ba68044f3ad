"""A small practice whose every dashboard figure is known in advance.

Four weeks, Monday 2030-05-06 to Sunday 2030-06-02 (the four weeks before the suite's
today), at Danville (Los Angeles), plus one screening and one visit at Walnut Creek.

Danville, one sonographer in session Monday to Friday 08:00-12:00, closed on
Monday 2030-05-27: 19 days x 4 h = 76 available hours, one ultrasound room.
Visits (one hour each, all in the past):
  week of May 6:  4 completed (Mon-Thu 08:00; X1's first visit on Wed May 8), 1 no-show (Fri)
  week of May 13: 2 completed (Mon; Thu May 16 is X2's first visit),
                  1 cancelled 2 hours before (late, Tue), 1 cancelled 3 days before (Wed)
  weeks of May 20 and May 27: 1 completed each (Tue)
  -> 11 scheduled, 8 completed, 1 no-show, 2 cancelled of which 1 late;
     10 due (all but the early cancellation): no-show rate 10.0%, late-cancel rate 10.0%;
     9 booked hours (completed + no-show) of 76: 11.8%.
Screenings at Danville: May 6 (X1, converted), May 6 (X2, converted), May 13 (X3, converted,
no visit yet), May 20 (new), May 27 (new), and one on May 1 (before the range).
  -> 5 received, 3 converted (60.0%); days to first visit 2 (X1) and 10 (X2):
     median 6.0, 90th percentile 9.2; 1 converted with no visit yet.
Procedures (plans behind Danville notes): X1 RFA right on May 20; X2 VenaSeal left on
May 30 and RFA right on June 1; a proposed RFA that is not done.
  -> RFA 2, VenaSeal 1; first treatments: X1 12 days after May 8, X2 14 days after May 16:
     median 13.0, 90th percentile 13.8.
VCSS: X1 right leg 5 on May 8, 1 on May 31 (paired); X2's legs have no note after treatment.
  -> RFA: 2 procedures, 1 pair, mean before 5.0, after 1.0, change -4.0; VenaSeal: 1, 0 pairs.
HASTI totals: X1 baseline 20 on April 6 and 13 on May 7 (the later counts), 9 on May 26 ("other",
not a follow-up), 6 weeks 5 on June 2; X2 baseline 18 on May 15, 6 months 6 on May 31, 6 weeks 8
on June 2.
  -> RFA (X1 on May 20, X2 on June 1): 2 procedures; 6 weeks 2 pairs, baseline 15.5, after 6.5;
     6 months none (X2's came before its RFA). VenaSeal (X2 on May 30): 1 procedure; 6 weeks
     1 pair, 18.0 -> 8.0; 6 months 1 pair, 18.0 -> 6.0.
Prior authorizations submitted: Danville X1 RFA right approved (May 9), X1 RFA left denied (May 11),
X2 VenaSeal appealed (May 17), X2 RFA right pending (May 18), X2 RFA left approved on May 3 (before
the range); Walnut Creek (a plan behind a Walnut Creek note) one approved (May 12), one not yet
submitted.
  -> Danville 4 submitted: 1 pending, 1 approved, 1 denied, 1 appealed, approval rate 33.3%;
     Walnut Creek 1 approved, 100.0%; all offices 5, 2 approved of 4 answered, 50.0%.
Reminders due at Danville: SMS 3 sent, 1 failed, 1 skipped (STOP), 1 skipped (visit cancelled);
email 2 sent, 1 skipped (no consent to email).
  -> SMS delivery 75.0%, email 100.0%, overall 83.3%.
"""

import datetime
from dataclasses import dataclass

from clinic.models import Room
from clinic.roles import Role
from evaluations.models import PlanItem, PriorAuthorization
from evaluations.models.safety import AuthorizationStatus
from intake.models import ScreeningSubmission
from intake.models.symptoms import ITEMS
from scheduling.models import AppointmentEvent, AvailabilityException, ReminderStatus, Status
from tests.clock import LOS_ANGELES, SUITE_TODAY
from tests.factories.clinic import OfficeFactory, RoomFactory, StaffFactory, UserFactory
from tests.factories.evaluations import EvaluationFactory, LegAssessmentFactory, TreatmentPlanFactory
from tests.factories.intake import PatientFactory, ScreeningFactory, SymptomScoreFactory
from tests.factories.reminders import ReminderFactory
from tests.factories.scheduling import AppointmentFactory, AvailabilityFactory

# The Monday four weeks before the suite's week, and the Sunday before the suite's week.
FIRST = SUITE_TODAY - datetime.timedelta(days=SUITE_TODAY.weekday() + 28)
LAST = FIRST + datetime.timedelta(days=27)


def day(offset: int) -> datetime.date:
    return FIRST + datetime.timedelta(days=offset)


def at(offset: int, hour: int = 8) -> datetime.datetime:
    return datetime.datetime.combine(day(offset), datetime.time(hour), tzinfo=LOS_ANGELES)


@dataclass
class Practice:
    danville: object
    walnut_creek: object
    first: datetime.date
    last: datetime.date


def known_practice() -> Practice:
    danville = OfficeFactory(name="Danville", slug="danville")
    walnut = OfficeFactory(name="Walnut Creek", slug="walnut-creek")
    sonographer = StaffFactory(role=Role.SONOGRAPHER, home_office=danville, offices=[danville])
    room = RoomFactory(office=danville, kind=Room.Kind.ULTRASOUND, name="Ultrasound 1")
    for weekday in range(5):
        AvailabilityFactory(
            provider=sonographer,
            office=danville,
            weekday=weekday,
            start_time=datetime.time(8),
            end_time=datetime.time(12),
            valid_from=FIRST - datetime.timedelta(days=60),
        )
    AvailabilityException.objects.create(kind="office_closed", office=danville, date=day(21), end_date=day(21))
    desk = UserFactory(role=Role.FRONT_DESK)
    x1, x2, x3 = PatientFactory(), PatientFactory(), PatientFactory()

    def visit(offset: int, status: str, patient=None, **kwargs):
        start = at(offset)
        return AppointmentFactory(
            office=danville,
            provider=sonographer,
            room=room,
            patient=patient or PatientFactory(),
            start=start,
            end=start + datetime.timedelta(hours=1),
            status=status,
            booked_by=desk,
            **kwargs,
        )

    visits = [
        visit(0, Status.COMPLETED),
        visit(1, Status.COMPLETED),
        visit(2, Status.COMPLETED, x1),
        visit(3, Status.COMPLETED),
        visit(4, Status.NO_SHOW),
        visit(7, Status.COMPLETED),
        visit(10, Status.COMPLETED, x2),
        visit(15, Status.COMPLETED),
        visit(22, Status.COMPLETED),
    ]
    late = visit(8, Status.CANCELLED, cancel_reason="Patient ill")
    early = visit(9, Status.CANCELLED, cancel_reason="Patient travelling")
    for cancelled, before in ((late, datetime.timedelta(hours=2)), (early, datetime.timedelta(days=3))):
        AppointmentEvent.objects.create(
            appointment=cancelled,
            from_status=Status.BOOKED,
            to_status=Status.CANCELLED,
            by=desk,
            note=cancelled.cancel_reason,
            at=cancelled.start - before,
        )
    # Walnut Creek: one visit, no sessions.
    AppointmentFactory(office=walnut, start=at(2, 9), end=at(2, 10), status=Status.COMPLETED, booked_by=desk)

    def screening(offset: int, patient=None, office=danville):
        submitted = at(offset, 10)
        values = {"preferred_office": office, "submitted_at": submitted}
        if patient is not None:
            values |= {
                "status": ScreeningSubmission.Status.CONVERTED,
                "patient": patient,
                "handled_by": desk,
                "handled_at": submitted,
            }
        return ScreeningFactory(**values)

    screening(0, x1)
    screening(0, x2)
    screening(7, x3)
    screening(14)
    screening(21)
    screening(-5)
    screening(3, office=walnut)

    physician = UserFactory(role=Role.PHYSICIAN)

    def note(patient, offset: int, legs: dict, office=danville):
        evaluation = EvaluationFactory(patient=patient, office=office, physician=physician, visit_date=day(offset))
        for side, scores in legs.items():
            LegAssessmentFactory(evaluation=evaluation, side=side, **scores)
        evaluation.sign(physician, attested=True)
        return evaluation

    x1_before = note(x1, 2, {"R": {"pain": 2, "varicose_veins": 2, "venous_edema": 1}})
    note(x1, 25, {"R": {"pain": 1}})
    x2_before = note(x2, 10, {"R": {"pain": 1}, "L": {"pain": 3, "varicose_veins": 3}})

    def plan(patient, evaluation, *items):
        treatment = TreatmentPlanFactory(patient=patient, evaluation=evaluation, created_by=physician)
        for kind, side, offset in items:
            done = offset is not None
            PlanItem.objects.create(
                plan=treatment,
                kind=kind,
                side=side,
                target_segment="GSVa",
                status="done" if done else "proposed",
                done_on=day(offset) if done else None,
            )
        treatment.sign(physician)
        return {(item.kind, item.side): item for item in treatment.items.all()}

    x1_items = plan(x1, x1_before, ("rfa", "R", 14), ("rfa", "L", None))
    x2_items = plan(x2, x2_before, ("venaseal", "L", 24), ("rfa", "R", 26), ("rfa", "L", None))
    w1 = PatientFactory()
    w1_items = plan(w1, note(w1, 4, {"R": {"pain": 1}}, office=walnut), ("rfa", "R", None), ("venaseal", "L", None))

    def authorization(item, status: str, offset: int | None):
        return PriorAuthorization.objects.create(
            item=item,
            status=status,
            submitted_on=day(offset) if offset is not None else None,
            number="PA-1" if status == AuthorizationStatus.APPROVED else "",
            updated_by=desk,
        )

    authorization(x1_items[("rfa", "R")], AuthorizationStatus.APPROVED, 3)
    authorization(x1_items[("rfa", "L")], AuthorizationStatus.DENIED, 5)
    authorization(x2_items[("venaseal", "L")], AuthorizationStatus.APPEALED, 11)
    authorization(x2_items[("rfa", "R")], AuthorizationStatus.PENDING, 12)
    authorization(x2_items[("rfa", "L")], AuthorizationStatus.APPROVED, -3)
    authorization(w1_items[("rfa", "R")], AuthorizationStatus.APPROVED, 6)
    authorization(w1_items[("venaseal", "L")], AuthorizationStatus.TO_SUBMIT, None)

    def symptoms(patient, offset: int, occasion: str, *items: int):
        scores = dict(zip(ITEMS, items, strict=True))
        return SymptomScoreFactory(
            patient=patient, occasion=occasion, recorded_at=at(offset, 10), entered_by=desk, **scores
        )

    symptoms(x1, -30, "baseline", 5, 5, 4, 3, 3)
    symptoms(x1, 1, "baseline", 4, 3, 3, 2, 1)
    symptoms(x1, 20, "other", 2, 2, 2, 2, 1)
    symptoms(x1, 27, "six_weeks", 2, 1, 1, 1, 0)
    symptoms(x2, 9, "baseline", 4, 4, 4, 3, 3)
    symptoms(x2, 25, "six_months", 2, 1, 1, 1, 1)
    symptoms(x2, 27, "six_weeks", 2, 2, 2, 1, 1)

    def reminder(appointment, channel: str, status: str, error: str = "", offset_hours: int = 2):
        sent = {"sent_at": appointment.start, "provider_message_id": "msg"} if status == ReminderStatus.SENT else {}
        return ReminderFactory(
            appointment=appointment,
            channel=channel,
            status=status,
            error=error,
            offset_hours=offset_hours,
            due_at=appointment.start - datetime.timedelta(hours=offset_hours),
            **sent,
        )

    reminder(visits[0], "sms", ReminderStatus.SENT)
    reminder(visits[1], "sms", ReminderStatus.SENT)
    reminder(visits[2], "sms", ReminderStatus.SENT)
    reminder(visits[3], "sms", ReminderStatus.FAILED, "30006 landline")
    reminder(visits[4], "sms", ReminderStatus.SKIPPED, "patient replied STOP")
    reminder(early, "sms", ReminderStatus.SKIPPED, "the visit did not take place")
    reminder(visits[5], "email", ReminderStatus.SENT)
    reminder(visits[6], "email", ReminderStatus.SENT)
    reminder(visits[7], "email", ReminderStatus.SKIPPED, "no consent to email")
    return Practice(danville, walnut, FIRST, LAST)
