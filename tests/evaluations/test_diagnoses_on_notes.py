"""The physician confirms ICD-10-CM codes on the draft note; they are signed with it and shown wherever the note is."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEntry
from evaluations import services
from evaluations.models import Diagnosis, Icd10Code, RecordLocked
from evaluations.models.diagnoses import confirm_diagnoses
from evaluations.rules.procedures import ItemKind
from tests.conftest import client_for
from tests.evaluations.test_evaluation_notes import _note_data
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    LegAssessmentFactory,
    PlanItemFactory,
    SegmentFindingFactory,
    TreatmentPlanFactory,
    rule_set,
    signed_evaluation,
)
from tests.factories.intake import IntakeRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(physician):
    """The physician's draft: symptomatic C2 on the right, a final duplex with reflux and a left popliteal DVT."""
    patient = PatientFactory()
    study = DuplexStudyFactory(patient=patient)
    SegmentFindingFactory(study=study, side="R", segment="GSVa", reflux_ms=900, diameter_mm=Decimal("6"))
    SegmentFindingFactory(
        study=study, side="L", segment="POPV", reflux_ms=None, compressibility="none", thrombus="acute"
    )
    study.finalize(by=study.sonographer)
    evaluation = EvaluationFactory(patient=patient, physician=physician, duplex_study=study)
    LegAssessmentFactory(evaluation=evaluation, side="R", clinical_classes=["C2"], symptomatic=True)
    LegAssessmentFactory(evaluation=evaluation, side="L", clinical_classes=[], symptomatic=False)
    return evaluation


def ticked(page: str, code: str) -> bool:
    return bool(re.search(rf'<input[^>]*value="{re.escape(code)}"[^>]*checked', page))


def edit(client, evaluation, **extra):
    data = _note_data(clinical_classes=["C2"])
    data.update(extra)
    return client.post(reverse("evaluations:evaluation_edit", args=[evaluation.pk]), data)


def test_the_note_suggests_codes_from_ceap_and_the_final_duplex(draft) -> None:
    found = {s.code.code: s.reason for s in services.suggested_diagnoses(draft)}
    assert list(found) == ["I82.432", "I83.811", "I87.2"]
    assert found["I82.432"] == "Left leg: acute thrombus in the popliteal vein on duplex"


def test_a_study_still_in_progress_suggests_nothing(physician) -> None:
    study = DuplexStudyFactory()
    SegmentFindingFactory(study=study, side="R", segment="FV", compressibility="none", thrombus="acute")
    evaluation = EvaluationFactory(patient=study.patient, physician=physician, duplex_study=study)
    LegAssessmentFactory(evaluation=evaluation, side="R", clinical_classes=[])
    assert services.suggested_diagnoses(evaluation) == []


def test_cramps_on_the_latest_intake_answers_suggest_cramp_and_spasm(draft) -> None:
    IntakeRecordFactory(patient=draft.patient, cramps="left", recorded_at=timezone.now() - datetime.timedelta(days=3))
    assert "R25.2" in [s.code.code for s in services.suggested_diagnoses(draft)]
    IntakeRecordFactory(patient=draft.patient, cramps="none", recorded_at=timezone.now() - datetime.timedelta(days=1))
    assert "R25.2" not in [s.code.code for s in services.suggested_diagnoses(draft)]


def test_a_retired_code_is_not_suggested(draft) -> None:
    Icd10Code.objects.filter(code="I87.2").update(is_active=False)
    assert "I87.2" not in [s.code.code for s in services.suggested_diagnoses(draft)]


def test_the_edit_page_lists_suggestions_unticked(physician, draft) -> None:
    page = client_for(physician).get(reverse("evaluations:evaluation_edit", args=[draft.pk])).content.decode()
    assert "I83.811 Varicose veins of right lower extremity with pain · suggested: Right leg" in page
    assert not ticked(page, "I83.811")
    assert not draft.diagnoses.exists()


def test_the_physician_confirms_suggested_and_typed_codes(physician, draft) -> None:
    response = edit(client_for(physician), draft, **{"dx-codes": ["I83.811", "I87.2"], "dx-other": "r25.2"})
    assert response.status_code == 302
    confirmed = {d.code.code: d.suggested for d in draft.diagnoses.select_related("code")}
    assert confirmed == {"I83.811": True, "I87.2": True, "R25.2": False}
    # Each confirmed code is in the audit trail, with who confirmed it.
    assert AuditEntry.objects.filter(content_type__model="diagnosis", actor=physician).count() == 3
    # Unticking removes a code from the draft.
    edit(client_for(physician), draft, **{"dx-codes": ["I83.811"]})
    assert [d.code.code for d in draft.diagnoses.select_related("code")] == ["I83.811"]


def test_a_code_that_does_not_exist_is_refused_and_nothing_typed_is_lost(physician, draft) -> None:
    response = edit(
        client_for(physician),
        draft,
        history="Aching after long shifts.",
        **{"dx-codes": ["I83.811"], "dx-other": "I83.99, I87.2"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "I83.99 is not an ICD-10-CM code in the clinic&#x27;s list; check it and retype it." in page
    assert 'value="I83.99, I87.2"' in page
    assert "Aching after long shifts." in page
    assert ticked(page, "I83.811")
    assert not draft.diagnoses.exists()


def test_a_retired_code_is_refused_when_typed(physician, draft) -> None:
    Icd10Code.objects.filter(code="I83.93").update(is_active=False)
    response = edit(client_for(physician), draft, **{"dx-other": "I83.93"})
    assert "I83.93 has been retired from the clinic&#x27;s list" in response.content.decode()


def test_an_ulcer_site_needs_an_active_ulcer(physician, draft) -> None:
    response = edit(client_for(physician), draft, **{"leg-R-ulcer_site": "ankle"})
    assert response.status_code == 200
    assert "An ulcer site is recorded for an active ulcer only" in response.content.decode()


def test_the_ulcer_site_picks_the_code(physician, draft) -> None:
    edit(
        client_for(physician),
        draft,
        **{"leg-R-clinical_classes": ["C2", "C6"], "leg-R-ulcer_site": "calf", "leg-R-active_ulcers": "1"},
    )
    assert "I83.012" in [s.code.code for s in services.suggested_diagnoses(draft)]


def test_confirmed_codes_are_signed_with_the_note_and_locked(physician, draft) -> None:
    edit(client_for(physician), draft, **{"dx-codes": ["I83.811", "I82.432"], "sign": "", "attest": "yes"})
    draft.refresh_from_db()
    assert draft.is_signed
    diagnosis = draft.diagnoses.first()
    with pytest.raises(RecordLocked):
        diagnosis.delete()
    with pytest.raises(RecordLocked):
        Diagnosis.objects.create(evaluation=draft, code=Icd10Code.objects.get(code="I87.2"))
    with pytest.raises(RecordLocked):
        confirm_diagnoses(draft, [])
    with pytest.raises(RecordLocked):
        draft.diagnoses.all().delete()
    assert draft.diagnoses.count() == 2


def test_codes_are_shown_per_leg_on_the_note_and_the_visit_summary(physician) -> None:
    note = signed_evaluation(PatientFactory(), physician, diagnoses=["I83.811", "I82.433", "I87.2"])
    for name in ("evaluations:evaluation_detail", "evaluations:visit_summary"):
        page = client_for(physician).get(reverse(name, args=[note.pk])).content.decode()
        right, left = page.index("Right leg</h3>"), page.index("Left leg</h3>")
        other = page.index("Not leg-specific</h3>")
        assert right < page.index("I83.811") < left < other < page.index("I87.2")
        # A bilateral code stands under both legs.
        assert page.count('data-testid="icd-I82.433"') == 2


def test_codes_are_shown_on_the_plan(physician, front_desk) -> None:
    note = signed_evaluation(PatientFactory(), physician, diagnoses=["I83.812"])
    plan = TreatmentPlanFactory(patient=note.patient, evaluation=note)
    page = client_for(front_desk).get(plan.get_absolute_url()).content.decode()
    assert "I83.812" in page and "Varicose veins of left lower extremity with pain" in page


def test_the_payer_header_counts_not_met_and_unknown_apart(physician) -> None:
    patient = PatientFactory(insurance_payer="Aetna PPO")
    study = DuplexStudyFactory(patient=patient, performed_at=timezone.now() - datetime.timedelta(days=400))
    SegmentFindingFactory(study=study, side="R", segment="GSVa", reflux_ms=100, diameter_mm=Decimal("3"))
    study.finalize(by=study.sonographer)
    plan = TreatmentPlanFactory(patient=patient, payer_rule_set=rule_set("Aetna-style"))
    item = PlanItemFactory(plan=plan, kind=ItemKind.RFA, side="R", target_segment="GSVa")
    check = services.check_plan(plan)[0]
    not_met, unknown = len(check.not_met), len(check.unknown)
    assert not_met and unknown
    page = client_for(physician).get(plan.get_absolute_url()).content.decode()
    assert f'data-testid="overall-{item.pk}">{not_met} not met, {unknown} unknown</span>' in page
