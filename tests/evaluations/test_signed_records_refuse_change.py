"""A signed note, a signed plan and a final duplex study refuse change in the model layer, with a message."""

import pytest
from django.urls import reverse

from evaluations.models import Evaluation, SignedNoteLocked
from evaluations.models.locking import RecordLocked
from tests.conftest import client_for
from tests.evaluations.locked_records import KINDS, LockedKind
from tests.factories import PatientFactory
from tests.factories.evaluations import signed_evaluation

pytestmark = pytest.mark.django_db

each_kind = pytest.mark.parametrize("kind", KINDS, ids=str)


def test_an_orm_update_cannot_unsign_a_note() -> None:
    note = signed_evaluation(PatientFactory())
    with pytest.raises(SignedNoteLocked, match="Add a dated addendum instead"):
        Evaluation.objects.filter(pk=note.pk).update(status="draft", signed_by=None)
    note.refresh_from_db()
    assert note.is_signed


@each_kind
def test_a_locked_record_cannot_be_unlocked_through_queryset_update(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(RecordLocked):
        type(record).objects.filter(pk=record.pk).update(**kind.unlock)
    with pytest.raises(RecordLocked):
        type(record).objects.filter(pk=record.pk).bulk_update([record], fields=list(kind.unlock))
    assert type(record).objects.filter(record.locked_q(), pk=record.pk).exists()


@each_kind
def test_a_locked_record_cannot_be_changed_through_save(kind: LockedKind) -> None:
    record = kind.build()
    for name, value in kind.unlock.items():
        setattr(record, name, value)
    with pytest.raises(RecordLocked):
        record.save()
    with pytest.raises(RecordLocked):
        record.save(update_fields=list(kind.unlock))
    assert type(record).objects.filter(record.locked_q(), pk=record.pk).exists()


@each_kind
def test_a_stale_copy_of_a_locked_record_cannot_overwrite_it(kind: LockedKind) -> None:
    record = kind.build()
    stale = type(record).objects.get(pk=record.pk)
    for name, value in kind.unlock.items():
        setattr(stale, name, value)
    with pytest.raises(RecordLocked):
        stale.save()


@each_kind
def test_a_locked_record_cannot_be_deleted(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(RecordLocked):
        record.delete()
    with pytest.raises(RecordLocked):
        type(record).objects.filter(pk=record.pk).delete()
    assert type(record).objects.filter(pk=record.pk).exists()


@each_kind
def test_a_part_of_a_locked_record_cannot_be_changed(kind: LockedKind) -> None:
    part = kind.part_of(kind.build())
    model = type(part)
    for name, value in kind.part_change.items():
        setattr(part, name, value)
    with pytest.raises(RecordLocked):
        part.save()
    with pytest.raises(RecordLocked):
        model.objects.filter(pk=part.pk).update(**kind.part_change)
    part.refresh_from_db()
    assert all(getattr(part, name) != value for name, value in kind.part_change.items())


@each_kind
def test_a_part_of_a_locked_record_cannot_be_deleted(kind: LockedKind) -> None:
    part = kind.part_of(kind.build())
    with pytest.raises(RecordLocked):
        part.delete()
    with pytest.raises(RecordLocked):
        type(part).objects.filter(pk=part.pk).delete()
    assert type(part).objects.filter(pk=part.pk).exists()


@each_kind
def test_no_part_can_be_added_to_a_locked_record(kind: LockedKind) -> None:
    record = kind.build()
    with pytest.raises(RecordLocked):
        kind.new_part(record).save()
    model = type(kind.new_part(record))
    with pytest.raises(RecordLocked):
        model.objects.bulk_create([kind.new_part(record)])
    assert model.objects.filter(**{kind.parent: record}).count() == 1


@each_kind
def test_a_part_cannot_move_into_a_locked_record(kind: LockedKind) -> None:
    record = kind.build()
    part = kind.new_part(kind.draft())
    part.save()
    with pytest.raises(RecordLocked):
        type(part).objects.filter(pk=part.pk).update(**{kind.parent: record})
    setattr(part, kind.parent, record)
    with pytest.raises(RecordLocked):
        part.save()


@each_kind
def test_drafts_and_their_parts_still_change(kind: LockedKind) -> None:
    draft = kind.draft()
    part = kind.new_part(draft)
    part.save()
    for name, value in kind.part_change.items():
        setattr(part, name, value)
    part.save()
    type(part).objects.filter(pk=part.pk).update(**kind.part_change)
    part.delete()
    draft.delete()
    assert not type(draft).objects.filter(pk=draft.pk).exists()


def test_clinical_records_have_no_admin_pages_to_change_them_in(clinic_admin) -> None:
    client = client_for(clinic_admin)
    for model in ("evaluation", "legassessment", "treatmentplan", "planitem", "duplexstudy", "segmentfinding"):
        assert client.get(reverse("admin:index") + f"evaluations/{model}/").status_code == 404
