"""Plans per leg with CPT codes and payer checks; procedures booked through scheduling; post-ablation duplex in 72 h."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import Room
from clinic.roles import Role
from evaluations import services
from evaluations.models.plans import ItemStatus
from evaluations.rules.procedures import CompressionClass, ItemKind
from scheduling.models import Availability
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory, RoomFactory
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory, booked, rule_set

pytestmark = pytest.mark.django_db


def test_a_second_rfa_on_the_same_leg_takes_the_add_on_code(physician_client) -> None:
    plan = TreatmentPlanFactory()
    first = PlanItemFactory(plan=plan, target_segment="GSVa")
    second = PlanItemFactory(plan=plan, target_segment="AASV")
    other_leg = PlanItemFactory(plan=plan, side="L", target_segment="SSV")
    codes = {c.item.pk: c.cpt for c in services.check_plan(plan)}
    assert codes == {first.pk: "36475", second.pk: "36476", other_leg.pk: "36475"}


def test_varithena_on_several_truncal_veins_of_one_leg_bills_36466() -> None:
    plan = TreatmentPlanFactory()
    PlanItemFactory(plan=plan, kind=ItemKind.VARITHENA, target_segment="GSVb")
    PlanItemFactory(plan=plan, kind=ItemKind.VARITHENA, target_segment="SSV")
    assert {c.cpt for c in services.check_plan(plan)} == {"36466"}


def test_physician_plans_rfa_and_sees_which_payer_criteria_are_unmet(physician_client) -> None:
    patient = PatientFactory(insurance_payer="Aetna PPO")
    physician_client.post(reverse("evaluations:plan_start", args=[patient.pk]))
    plan = patient.treatment_plans.get()
    assert plan.payer_rule_set == rule_set("Aetna-style")
    physician_client.post(
        reverse("evaluations:plan_item_add", args=[plan.pk]), {"kind": "rfa", "side": "R", "target_segment": "GSVa"}
    )
    page = physician_client.get(plan.get_absolute_url()).content.decode()
    assert "CPT 36475" in page
    assert re.search(r"\d+ unknown<", page)
    assert "Missing: No duplex study of this leg on file." in page


def test_a_procedure_without_a_leg_or_vein_is_refused_next_to_the_field(physician_client) -> None:
    plan = TreatmentPlanFactory()
    response = physician_client.post(
        reverse("evaluations:plan_item_add", args=[plan.pk]), {"kind": "rfa", "side": "B", "target_segment": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "A procedure treats one leg" in page and "Choose the vein to treat." in page


def test_front_desk_sees_a_plan_and_records_the_authorization(front_desk) -> None:
    item = PlanItemFactory()
    client = client_for(front_desk)
    assert client.get(item.plan.get_absolute_url()).status_code == 200
    client.post(
        reverse("evaluations:plan_item_status", args=[item.pk]),
        {"status": "authorized", "authorization_number": "PA-7"},
    )
    item.refresh_from_db()
    assert (item.status, item.authorization_number) == (ItemStatus.AUTHORIZED, "PA-7")


def test_only_a_physician_signs_a_plan(front_desk, physician) -> None:
    item = PlanItemFactory()
    assert client_for(front_desk).post(reverse("evaluations:plan_sign", args=[item.plan_id])).status_code == 403
    client_for(physician).post(reverse("evaluations:plan_sign", args=[item.plan_id]))
    item.plan.refresh_from_db()
    assert item.plan.is_signed and item.plan.signed_by == physician


def _clinic_week(office) -> tuple:
    """A physician and a sonographer working every day 08:00-17:00 at ``office``, with rooms."""
    physician = make_staff(Role.PHYSICIAN, office).staff_profile
    sonographer = make_staff(Role.SONOGRAPHER, office).staff_profile
    RoomFactory(office=office, kind=Room.Kind.PROCEDURE, name="Procedure 1")
    RoomFactory(office=office, kind=Room.Kind.ULTRASOUND, name="Ultrasound 1")
    for profile in (physician, sonographer):
        for weekday in range(7):
            Availability.objects.create(
                provider=profile,
                office=office,
                weekday=weekday,
                start_time=datetime.time(8),
                end_time=datetime.time(17),
                valid_from=timezone.localdate() - datetime.timedelta(days=1),
            )
    return physician, sonographer


def test_scheduling_a_procedure_books_it_through_scheduling(physician, office) -> None:
    _clinic_week(office)
    item = PlanItemFactory(plan=TreatmentPlanFactory(patient=PatientFactory(preferred_office=office)))
    start = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=2), datetime.time(9), office.zone)
    services.schedule_procedure(item=item, office=office, start=start, by=physician)
    item.refresh_from_db()
    assert item.status == ItemStatus.SCHEDULED
    assert item.appointment.appointment_type.code == "rfa"
    assert item.appointment.start == start


def test_completing_an_ablation_books_the_post_ablation_duplex_within_72_hours(physician, office) -> None:
    _clinic_week(office)
    item = PlanItemFactory(plan=TreatmentPlanFactory(patient=PatientFactory(preferred_office=office)))
    start = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time(9), office.zone)
    services.schedule_procedure(item=item, office=office, start=start, by=physician)
    services.complete_procedure(item=item, by=physician)
    item.refresh_from_db()
    follow_up = item.follow_up_appointment
    assert item.status == ItemStatus.DONE
    assert follow_up.appointment_type.code == "post_ablation_duplex"
    assert item.appointment.end <= follow_up.start <= item.appointment.end + datetime.timedelta(hours=72)


def test_a_procedure_done_without_a_free_follow_up_slot_stays_done_and_says_so(physician_client, office) -> None:
    item = booked(
        PlanItemFactory(plan=TreatmentPlanFactory(patient=PatientFactory(preferred_office=office))), office=office
    )
    response = physician_client.post(
        reverse("evaluations:plan_item_status", args=[item.pk]), {"status": "done"}, follow=True
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE and item.follow_up_appointment is None
    assert "book one by hand today" in response.content.decode()


def test_recording_the_post_ablation_duplex_marks_the_procedure_followed_up(physician, sonographer, office) -> None:
    _clinic_week(office)
    item = booked(
        PlanItemFactory(plan=TreatmentPlanFactory(patient=PatientFactory(preferred_office=office))), office=office
    )
    services.complete_procedure(item=item, by=physician)
    item.refresh_from_db()
    study = services.start_study(
        patient=item.plan.patient, office=office, by=sonographer, legs="R", appointment=item.follow_up_appointment
    )
    services.finalize_study(study=study, impression="GSV occluded, no EHIT.", by=sonographer)
    item.refresh_from_db()
    assert item.status == ItemStatus.FOLLOWED_UP


def test_the_prior_authorization_summary_lists_each_criterion_with_evidence(front_desk) -> None:
    item = PlanItemFactory(plan=TreatmentPlanFactory(payer_rule_set=rule_set("Medicare LCD-style")))
    page = client_for(front_desk).get(reverse("evaluations:prior_authorization", args=[item.pk])).content.decode()
    assert "Prior-authorization request" in page
    assert "CEAP classification documented" in page
    assert "36475" in page


def test_signing_a_plan_with_a_compression_trial_lines_up_the_trial_end_message(physician) -> None:
    from scheduling.models import MessageKind, Reminder

    started = timezone.localdate()
    item = PlanItemFactory(
        kind=ItemKind.COMPRESSION, side="B", target_segment="", compression_class=CompressionClass.MMHG_20_30,
        start_date=started, trial_days=90,
    )  # fmt: skip
    client_for(physician).post(reverse("evaluations:plan_sign", args=[item.plan_id]))
    patient, office = item.plan.patient, item.plan.patient.preferred_office
    messages = list(Reminder.objects.filter(patient=patient, kind=MessageKind.COMPRESSION_TRIAL))
    trial_end = datetime.datetime.combine(started + datetime.timedelta(days=90), datetime.time(9), tzinfo=office.zone)
    assert messages
    assert {m.due_at for m in messages} == {trial_end - datetime.timedelta(days=3)}
    assert {m.office for m in messages} == {office}


def test_a_procedure_never_booked_cannot_be_marked_done_so_its_safety_checks_always_run(physician_client) -> None:
    item = PlanItemFactory(plan=TreatmentPlanFactory())

    page = physician_client.post(
        reverse("evaluations:plan_item_status", args=[item.pk]), {"status": "done"}, follow=True
    ).content.decode()

    item.refresh_from_db()
    assert item.status == ItemStatus.PROPOSED
    assert "schedule it first, so its safety checks run" in page
