"""After a procedure, the symptom questionnaire (HASTI) is asked 6 weeks and 6 months
later by the reminders: once, with a link to the portal page for that occasion, only
with consent and only to a patient who has a portal account."""

import datetime

import pytest
from django.core import mail

from evaluations import services
from scheduling.models import MessageKind, Reminder, ReminderStatus
from scheduling.services.reminders import schedule_symptom_survey_reminders
from tests.clock import SUITE_NOW, SUITE_TODAY
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory, booked
from tests.factories.portal import portal_patient
from tests.scheduling.conftest import run_beat

pytestmark = pytest.mark.django_db


def surveys(patient) -> list[Reminder]:
    return list(Reminder.objects.filter(patient=patient, kind=MessageKind.SYMPTOM_SURVEY).order_by("due_at", "channel"))


def nine_am(office, days: int) -> datetime.datetime:
    return datetime.datetime.combine(SUITE_TODAY + datetime.timedelta(days=days), datetime.time(9), office.zone)


def test_completing_a_procedure_lines_up_the_6_week_and_6_month_questionnaires(physician, office) -> None:
    _user, patient = portal_patient(office=office)
    item = booked(PlanItemFactory(plan=TreatmentPlanFactory(patient=patient)), office=office)
    services.complete_procedure(item=item, by=physician, now=SUITE_NOW)
    rows = surveys(patient)
    assert {(r.occasion, r.channel, r.subject_time) for r in rows} == {
        (occasion, channel, nine_am(office, days))
        for occasion, days in (("six_weeks", 42), ("six_months", 182))
        for channel in ("email", "sms")
    }
    assert {r.due_at for r in rows} == {nine_am(office, 42), nine_am(office, 182)}
    assert {r.status for r in rows} == {ReminderStatus.PENDING} and {r.office for r in rows} == {office}


def test_two_procedures_done_the_same_day_ask_once_per_occasion(physician, office) -> None:
    _user, patient = portal_patient(office=office)
    plan = TreatmentPlanFactory(patient=patient)
    for hours, side in enumerate("RL"):
        # Two visits of one patient cannot overlap: the second starts three hours after the first.
        start = SUITE_NOW.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=2, hours=3 * hours)
        item = booked(PlanItemFactory(plan=plan, side=side), office=office, start=start)
        services.complete_procedure(item=item, by=physician, now=SUITE_NOW)
    assert len(surveys(patient)) == 4


def _consenting(office, **kwargs):
    user, patient = portal_patient(office=office, **kwargs)
    patient.set_consents(sms=True, email=True)
    patient.save()
    return user, patient


def test_the_questionnaire_goes_once_on_its_day_with_the_link_for_its_occasion(
    office, clock, recorded, django_capture_on_commit_callbacks
) -> None:
    _user, patient = _consenting(office)
    schedule_symptom_survey_reminders(patient=patient, office=office, done_on=SUITE_TODAY, now=SUITE_NOW)
    run_beat(django_capture_on_commit_callbacks)
    assert recorded() == [] and len(mail.outbox) == 0  # not before its day
    clock.move_to(nine_am(office, 42) + datetime.timedelta(minutes=5))
    run_beat(django_capture_on_commit_callbacks)
    run_beat(django_capture_on_commit_callbacks)
    (text,) = [r["body"] for r in recorded()]
    (email,) = mail.outbox
    link = "/portal/symptoms/?occasion=six_weeks"
    assert link in text and link in email.body
    assert "how are your legs" in text.lower() and email.to == [patient.email]
    assert patient.last_name not in text
    sent = [r for r in surveys(patient) if r.occasion == "six_weeks"]
    assert {r.status for r in sent} == {ReminderStatus.SENT}
    assert {r.status for r in surveys(patient) if r.occasion == "six_months"} == {ReminderStatus.PENDING}


def test_a_spanish_speaking_patient_gets_the_questionnaire_in_spanish(
    office, clock, recorded, django_capture_on_commit_callbacks
) -> None:
    _user, patient = _consenting(office, preferred_language="es")
    schedule_symptom_survey_reminders(patient=patient, office=office, done_on=SUITE_TODAY, now=SUITE_NOW)
    clock.move_to(nine_am(office, 182) + datetime.timedelta(minutes=5))
    run_beat(django_capture_on_commit_callbacks)
    texts = [r["body"] for r in recorded()]
    assert any("cómo están sus piernas" in t and "occasion=six_months" in t for t in texts)


def test_no_consent_to_text_means_no_text_and_the_email_still_goes(
    office, clock, recorded, django_capture_on_commit_callbacks
) -> None:
    _user, patient = portal_patient(office=office)
    patient.set_consents(sms=False, email=True)
    patient.save()
    schedule_symptom_survey_reminders(patient=patient, office=office, done_on=SUITE_TODAY, now=SUITE_NOW)
    clock.move_to(nine_am(office, 42) + datetime.timedelta(minutes=5))
    run_beat(django_capture_on_commit_callbacks)
    assert recorded() == [] and len(mail.outbox) == 1
    text = next(r for r in surveys(patient) if r.channel == "sms" and r.occasion == "six_weeks")
    assert (text.status, text.error) == (ReminderStatus.SKIPPED, "no consent to text")


def test_a_patient_without_a_portal_account_is_not_sent_a_link_they_cannot_open(
    office, clock, recorded, django_capture_on_commit_callbacks
) -> None:
    from tests.factories import PatientFactory

    patient = PatientFactory(preferred_office=office)
    patient.set_consents(sms=True, email=True)
    patient.save()
    schedule_symptom_survey_reminders(patient=patient, office=office, done_on=SUITE_TODAY, now=SUITE_NOW)
    clock.move_to(nine_am(office, 42) + datetime.timedelta(minutes=5))
    run_beat(django_capture_on_commit_callbacks)
    assert recorded() == [] and len(mail.outbox) == 0
    assert {r.error for r in surveys(patient) if r.occasion == "six_weeks"} == {
        "no portal account for the questionnaire link"
    }
