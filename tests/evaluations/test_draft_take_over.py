"""A draft note is edited and signed by its own physician; another physician takes it over first, on the record."""

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from clinic.roles import Role
from evaluations.models import Evaluation
from evaluations.rules import vcss
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import EvaluationFactory, LegAssessmentFactory, signed_evaluation

pytestmark = pytest.mark.django_db


def draft_of(physician) -> Evaluation:
    evaluation = EvaluationFactory(physician=physician, history="Aching legs.")
    LegAssessmentFactory(evaluation=evaluation, side="R")
    return evaluation


def _leg(side: str) -> dict:
    data = {f"leg-{side}-{item}": "0" for item in vcss.ITEMS}
    data.update({f"leg-{side}-etiology": "Ep", f"leg-{side}-pathophysiology": "Pr", f"leg-{side}-symptomatic": "on"})
    data[f"leg-{side}-clinical_classes"] = ["C2"]
    return data


@pytest.fixture
def colleague(office):
    return make_staff(Role.PHYSICIAN, office)


def test_a_physician_cannot_open_another_physicians_draft_for_editing(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    response = physician_client.get(reverse("evaluations:evaluation_edit", args=[evaluation.pk]))
    assert response.status_code == 403


def test_a_physician_cannot_save_over_another_physicians_draft(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    response = physician_client.post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]), {"history": "Overwritten."}
    )
    evaluation.refresh_from_db()
    assert response.status_code == 403
    assert evaluation.history == "Aching legs."


def test_a_physician_cannot_sign_another_physicians_draft(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    response = physician_client.post(reverse("evaluations:evaluation_sign", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    assert response.status_code == 403
    assert not evaluation.is_signed


def test_another_physicians_draft_offers_take_over_instead_of_edit_and_sign(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Take over this draft" in page
    assert "Edit draft" not in page and "Sign note" not in page


def test_the_own_draft_offers_edit_and_sign_but_no_take_over(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Edit draft" in page and "Sign note" in page
    assert "Take over this draft" not in page


def test_taking_over_asks_for_confirmation_first(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    page = physician_client.get(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    assert page.status_code == 200
    assert "Take over this draft note" in page.content.decode()
    assert evaluation.physician == colleague


def test_taking_over_makes_the_draft_yours_and_records_whose_it_was(physician, physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    response = physician_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    assert response.status_code == 302
    assert evaluation.physician == physician
    assert evaluation.taken_over_from == colleague
    assert evaluation.taken_over_at is not None
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Taken over from" in page


def test_a_take_over_is_in_the_audit_trail_with_who_did_it(physician, physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    physician_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    change = AuditEntry.objects.filter(
        content_type__model="evaluation", object_pk=str(evaluation.pk), action=AuditEntry.Action.UPDATE
    ).latest("pk")
    assert change.actor == physician
    assert [int(pk) for pk in change.changes_dict["physician"]] == [colleague.pk, physician.pk]
    assert str(change.changes_dict["taken_over_from"][1]) == str(colleague.pk)


def test_after_taking_over_the_physician_can_sign(physician, physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    physician_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    physician_client.post(reverse("evaluations:evaluation_sign", args=[evaluation.pk]), {"attest": "yes"})
    evaluation.refresh_from_db()
    assert evaluation.is_signed and evaluation.signed_by == physician


def test_after_a_take_over_the_previous_physician_can_no_longer_edit(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    physician_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    response = client_for(colleague).get(reverse("evaluations:evaluation_edit", args=[evaluation.pk]))
    assert response.status_code == 403


def test_a_signed_note_cannot_be_taken_over(physician_client, colleague) -> None:
    evaluation = signed_evaluation(PatientFactory(), colleague)
    response = physician_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    assert response.status_code == 403
    assert evaluation.physician == colleague and evaluation.taken_over_from is None


def test_a_physician_cannot_take_over_their_own_draft(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    response = physician_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    assert response.status_code == 403


def test_a_sonographer_cannot_take_over_a_draft(sonographer_client, colleague) -> None:
    evaluation = draft_of(colleague)
    response = sonographer_client.post(reverse("evaluations:evaluation_take_over", args=[evaluation.pk]))
    assert response.status_code == 403


def test_a_sonographer_reads_signed_notes_but_never_learns_a_draft_exists(sonographer_client, colleague) -> None:
    signed = signed_evaluation(PatientFactory(), colleague)
    draft = draft_of(colleague)
    assert sonographer_client.get(signed.get_absolute_url()).status_code == 200
    assert sonographer_client.get(draft.get_absolute_url()).status_code == 404


def test_saving_a_draft_records_its_last_editor(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    physician_client.post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]),
        {"visit_date": "2026-03-02", "history": "Worse at night.", **_leg("R")},
    )
    evaluation.refresh_from_db()
    assert evaluation.history == "Worse at night."
    assert evaluation.last_edited_by == physician
    assert "Last edited by" in physician_client.get(evaluation.get_absolute_url()).content.decode()
