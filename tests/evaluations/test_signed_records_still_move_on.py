"""What a signed plan's items and a final study's findings still do after signing, and addenda to a signed note."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from evaluations import services
from evaluations.models import Addendum, PlanItem
from evaluations.models.locking import RecordLocked
from evaluations.models.plans import ItemStatus
from tests.conftest import client_for
from tests.evaluations.locked_records import raw_delete, raw_update
from tests.factories import PatientFactory
from tests.factories.evaluations import EvaluationFactory, final_study, signed_evaluation, signed_plan
from tests.factories.scheduling import AppointmentFactory

pytestmark = pytest.mark.django_db


def test_a_signed_plans_procedure_is_authorized_booked_done_and_followed_up(front_desk, physician, sonographer):
    plan = signed_plan(physician=physician)
    item = plan.items.get()
    url = reverse("evaluations:plan_item_status", args=[item.pk])

    client_for(front_desk).post(url, {"status": ItemStatus.AUTHORIZED, "authorization_number": "PA-20931"})
    item.refresh_from_db()
    assert (item.status, item.authorization_number) == (ItemStatus.AUTHORIZED, "PA-20931")

    item.appointment = AppointmentFactory(patient=plan.patient)
    item.save(update_fields=["appointment", "updated_at"])
    item.move_to(ItemStatus.SCHEDULED)

    page = client_for(physician).post(url, {"status": ItemStatus.DONE}, follow=True).content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE and item.done_on is not None
    assert "book one by hand today" in page

    item.follow_up_appointment = AppointmentFactory(
        patient=plan.patient, office=item.appointment.office, start=item.appointment.start + datetime.timedelta(days=1)
    )
    item.save(update_fields=["follow_up_appointment", "updated_at"])
    study = services.start_study(
        patient=plan.patient,
        office=item.follow_up_appointment.office,
        by=sonographer,
        legs="R",
        appointment=item.follow_up_appointment,
    )
    services.finalize_study(study=study, impression="GSV occluded, no EHIT.", by=sonographer)
    item.refresh_from_db()
    assert item.status == ItemStatus.FOLLOWED_UP
    plan.refresh_from_db()
    assert plan.is_signed


def test_a_signed_plans_item_keeps_what_was_planned_even_when_saved_whole() -> None:
    item = signed_plan().items.get()
    item.status = ItemStatus.AUTHORIZED
    item.save()
    item.target_segment = "SSV"
    with pytest.raises(RecordLocked, match="signed"):
        item.save()
    assert PlanItem.objects.get(pk=item.pk).target_segment == "GSVa"


def test_a_physician_acknowledges_a_thrombus_on_a_final_study(physician) -> None:
    finding = final_study(compressibility="none", thrombus="acute").findings.get()
    client_for(physician).post(reverse("evaluations:finding_acknowledge", args=[finding.pk]))
    finding.refresh_from_db()
    assert finding.acknowledged_by == physician


def test_an_addendum_is_added_to_a_signed_note_but_never_changed_or_removed(physician) -> None:
    note = signed_evaluation(PatientFactory(), physician)
    addendum = Addendum.objects.create(evaluation=note, author=physician, text="Left leg also aches at night.")
    addendum.text = "Rewritten"
    with pytest.raises(ValidationError, match="cannot be changed"):
        addendum.save()
    with pytest.raises(RecordLocked):
        addendum.delete()
    with pytest.raises(IntegrityError):
        raw_update(addendum, {"text": "Rewritten"})
    with pytest.raises(IntegrityError):
        raw_delete(addendum)
    assert Addendum.objects.get(pk=addendum.pk).text == "Left leg also aches at night."


def test_the_database_refuses_an_addendum_to_a_draft(physician) -> None:
    draft = EvaluationFactory(physician=physician)
    with pytest.raises(IntegrityError), transaction.atomic():
        Addendum._base_manager.bulk_create([Addendum(evaluation=draft, author=physician, text="Early")])
