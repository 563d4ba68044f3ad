"""The physician's note pages, finished: a draft can be discarded by its physician (never a
signed note), "Evaluate" pressed again reopens the same draft, signing needs the
attestation and shows it, and bad numbers are refused in a clinician's words."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from clinic.models import AuditEntry
from clinic.roles import Role
from evaluations.forms import FindingForm, PlanItemForm
from evaluations.models import Evaluation, LegAssessment
from evaluations.models.notes import ATTESTATION, ATTESTATION_REQUIRED
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    LegAssessmentFactory,
    PlanItemFactory,
    TreatmentPlanFactory,
    signed_evaluation,
)

pytestmark = pytest.mark.django_db


def draft_of(physician) -> Evaluation:
    evaluation = EvaluationFactory(physician=physician)
    for side in "RL":
        LegAssessmentFactory(evaluation=evaluation, side=side)
    return evaluation


@pytest.fixture
def colleague(office):
    return make_staff(Role.PHYSICIAN, office)


# ---- discarding a draft


def test_a_physician_discards_their_own_draft_and_the_trail_keeps_it(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    pk, patient = evaluation.pk, evaluation.patient
    response = physician_client.post(reverse("evaluations:evaluation_discard", args=[pk]), follow=True)
    assert "Draft discarded." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("evaluations:patient_overview", args=[patient.pk])
    assert not Evaluation.objects.filter(pk=pk).exists()
    assert not LegAssessment.objects.filter(evaluation_id=pk).exists()
    deleted = AuditEntry.objects.get(
        object_pk=str(pk), content_type__model="evaluation", action=AuditEntry.Action.DELETE
    )
    assert deleted.actor == physician


def test_another_physicians_draft_cannot_be_discarded(physician_client, colleague) -> None:
    evaluation = draft_of(colleague)
    assert physician_client.post(reverse("evaluations:evaluation_discard", args=[evaluation.pk])).status_code == 403
    assert Evaluation.objects.filter(pk=evaluation.pk).exists()
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Discard draft" not in page


def test_a_signed_note_is_never_discarded(physician) -> None:
    evaluation = signed_evaluation(PatientFactory(), physician)
    response = client_for(physician).post(reverse("evaluations:evaluation_discard", args=[evaluation.pk]))
    assert response.status_code == 403
    from evaluations.models import SignedNoteLocked

    with pytest.raises(SignedNoteLocked):
        evaluation.discard(physician)
    assert Evaluation.objects.filter(pk=evaluation.pk, status="signed").exists()
    assert "Discard draft" not in client_for(physician).get(evaluation.get_absolute_url()).content.decode()


def test_a_draft_a_plan_was_started_from_is_kept_with_a_reason(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    TreatmentPlanFactory(patient=evaluation.patient, evaluation=evaluation)
    response = physician_client.post(reverse("evaluations:evaluation_discard", args=[evaluation.pk]), follow=True)
    assert "A treatment plan was started from this draft" in response.content.decode()
    assert Evaluation.objects.filter(pk=evaluation.pk).exists()


def test_the_draft_page_offers_discard_to_its_physician(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert "Discard draft" in page and reverse("evaluations:evaluation_discard", args=[evaluation.pk]) in page


# ---- one open draft


def test_pressing_evaluate_three_times_makes_one_draft(physician, physician_client) -> None:
    patient = PatientFactory()
    DuplexStudyFactory(patient=patient)
    url = reverse("evaluations:evaluation_start", args=[patient.pk])
    locations = {physician_client.post(url)["Location"] for _ in range(3)}
    draft = Evaluation.objects.get(patient=patient)
    assert locations == {reverse("evaluations:evaluation_edit", args=[draft.pk])}
    assert draft.legs.count() == 2


def test_each_physician_has_their_own_draft_and_a_signed_note_does_not_count(physician, colleague) -> None:
    patient = PatientFactory()
    signed_evaluation(patient, physician)
    url = reverse("evaluations:evaluation_start", args=[patient.pk])
    client_for(physician).post(url)
    client_for(colleague).post(url)
    drafts = Evaluation.objects.filter(patient=patient, status="draft")
    assert sorted(drafts.values_list("physician_id", flat=True)) == sorted([physician.pk, colleague.pk])


def test_the_database_refuses_a_second_open_draft_for_the_same_patient_and_physician(physician) -> None:
    first = EvaluationFactory(physician=physician)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(physician=physician, patient=first.patient, office=first.office)


def test_a_double_submit_that_loses_the_race_reopens_the_winners_draft(physician, office, monkeypatch) -> None:
    """The second request read "no draft yet" just before the first one committed its own."""
    from evaluations.services import notes as note_services

    patient = PatientFactory()
    winner = EvaluationFactory(patient=patient, physician=physician, office=office)
    real_filter = Evaluation.objects.filter

    class NothingYet:
        def first(self):
            return None

    calls = {"n": 0}

    def stale_then_real(*args, **kwargs):
        calls["n"] += 1
        return NothingYet() if calls["n"] == 1 else real_filter(*args, **kwargs)

    monkeypatch.setattr(Evaluation.objects, "filter", stale_then_real)
    assert note_services.start_evaluation(patient=patient, office=office, by=physician) == winner
    monkeypatch.undo()
    assert Evaluation.objects.filter(patient=patient).count() == 1


# ---- attestation


def test_signing_without_the_attestation_is_refused_and_says_why(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    response = physician_client.post(reverse("evaluations:evaluation_sign", args=[evaluation.pk]), follow=True)
    assert ATTESTATION_REQUIRED in response.content.decode()
    evaluation.refresh_from_db()
    assert not evaluation.is_signed and evaluation.attestation == ""


def test_the_sign_form_shows_the_statement_to_confirm(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    for url in (evaluation.get_absolute_url(), reverse("evaluations:evaluation_edit", args=[evaluation.pk])):
        page = physician_client.get(url).content.decode()
        assert ATTESTATION in page and 'name="attest" value="yes"' in page


def test_a_signed_note_shows_the_attestation_with_name_and_time(physician, physician_client) -> None:
    physician.first_name, physician.last_name = "Ada", "Okafor"
    physician.save()
    evaluation = draft_of(physician)
    physician_client.post(reverse("evaluations:evaluation_sign", args=[evaluation.pk]), {"attest": "yes"})
    evaluation.refresh_from_db()
    assert evaluation.is_signed and evaluation.attestation == ATTESTATION
    page = physician_client.get(evaluation.get_absolute_url()).content.decode()
    assert 'data-testid="signed-attestation"' in page
    assert ATTESTATION in page and "Ada Okafor" in page
    summary = physician_client.get(reverse("evaluations:visit_summary", args=[evaluation.pk])).content.decode()
    assert ATTESTATION in summary


def test_the_database_keeps_drafts_free_of_an_attestation(physician) -> None:
    evaluation = draft_of(physician)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.filter(pk=evaluation.pk).update(attestation=ATTESTATION)


# ---- errors in a clinician's words


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("123.4", "wider than 30 mm is not plausible; re-measure (0.1 to 30.0 mm)"),
        ("6.55", "Diameter is recorded to a tenth of a millimetre"),
        ("wide", "Diameter is in millimetres: enter a value between 0.1 and 30.0, e.g. 6.5."),
        ("45", "wider than 30 mm is not plausible"),
    ],
)
def test_a_diameter_error_names_the_unit_and_the_range(value: str, message: str) -> None:
    form = FindingForm({"side": "R", "segment": "GSVa", "diameter_mm": value}, study=DuplexStudyFactory())
    assert not form.is_valid()
    (error,) = form.errors["diameter_mm"]
    assert message in error
    assert "Ensure that" not in error and "digits" not in error


def test_a_reflux_time_that_is_not_a_number_is_explained() -> None:
    form = FindingForm({"side": "R", "segment": "GSVa", "reflux_ms": "0.5 s"}, study=DuplexStudyFactory())
    assert not form.is_valid()
    assert form.errors["reflux_ms"] == ["Reflux time is in whole milliseconds: enter 0 to 10000, e.g. 650."]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "A compression trial is counted in whole days"),
        ("0", "A compression trial is counted in whole days"),
        ("4000", "A trial longer than a year is not a trial"),
        ("12.5", "A compression trial is counted in whole days"),
    ],
)
def test_a_trial_length_error_speaks_in_days(value: str, message: str) -> None:
    form = PlanItemForm({"kind": "compression", "side": "B", "trial_days": value}, instance=PlanItemFactory.build())
    assert not form.is_valid()
    assert message in form.errors["trial_days"][0]
    assert "Ensure" not in form.errors["trial_days"][0]


def test_a_bad_visit_date_is_asked_for_as_a_calendar_date(physician, physician_client) -> None:
    evaluation = draft_of(physician)
    response = physician_client.post(
        reverse("evaluations:evaluation_edit", args=[evaluation.pk]), {"visit_date": "soon"}
    )
    assert "Enter the visit date as a calendar date, e.g. 2030-06-04." in response.content.decode()
