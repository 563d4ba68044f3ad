"""In a real browser: a patient rates their symptoms on a phone; a physician discards a
draft note and signs another with the attestation."""

import pytest
from playwright.sync_api import expect

from evaluations.models import Evaluation
from evaluations.models.notes import ATTESTATION, ATTESTATION_REQUIRED
from intake.models import SymptomScore
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD, PatientFactory
from tests.factories.evaluations import EvaluationFactory, LegAssessmentFactory
from tests.factories.portal import portal_patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_patient_rates_their_symptoms_on_a_phone(page, office) -> None:
    user, patient = portal_patient(office=office, first_name="Rosa", last_name="Delgado")
    browser_login(page, user.username, PASSWORD)
    prompt = page.get_by_test_id("baseline-prompt")
    expect(prompt).to_be_visible()
    prompt.get_by_role("link", name="Rate my symptoms").click()
    expect(page.get_by_role("heading", name="How are your legs?")).to_be_visible()
    answers = {"heaviness": "4", "achiness": "3", "swelling": "2", "throbbing": "1"}
    for item, value in answers.items():
        page.locator(f"#div_id_{item}").get_by_label(value, exact=True).check()
    page.get_by_test_id("send-symptoms").click()
    # Itching was left out: the page says so and keeps the other four.
    error = page.locator("#div_id_itching .invalid-feedback")
    expect(error).to_be_visible()
    expect(error).to_have_text("Choose a number from 0 (not at all) to 5 (the worst).")
    expect(page.locator("#div_id_heaviness").get_by_label("4", exact=True)).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("#div_id_itching").get_by_label("0", exact=True).check()
    page.get_by_test_id("send-symptoms").click()
    expect(page.get_by_text("your answers are with the clinic")).to_be_visible()
    expect(page.get_by_test_id("baseline-prompt")).to_have_count(0)
    score = SymptomScore.objects.get(patient=patient)
    assert (score.occasion, score.source, score.total) == ("baseline", "patient", 10)


def test_a_patient_reads_the_questionnaire_in_spanish(page, office) -> None:
    user, _patient = portal_patient(office=office, preferred_language="es")
    browser_login(page, user.username, PASSWORD)
    page.goto("/portal/symptoms/?occasion=six_weeks")
    expect(page.get_by_role("heading", name="¿Cómo están sus piernas?")).to_be_visible()
    expect(page.get_by_test_id("occasion")).to_have_text("6 semanas después de un procedimiento")


def _draft(physician, patient) -> Evaluation:
    evaluation = EvaluationFactory(physician=physician, patient=patient)
    for side in "RL":
        LegAssessmentFactory(evaluation=evaluation, side=side)
    return evaluation


def test_a_physician_discards_a_draft_and_signs_another_with_the_attestation(page, office) -> None:
    from clinic.roles import Role

    physician = make_staff(Role.PHYSICIAN, office)
    physician.first_name, physician.last_name = "Ada", "Okafor"
    physician.save()
    patient = PatientFactory(first_name="Wren", last_name="Halloway")
    unwanted = _draft(physician, patient)
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_login(page, physician.username, PASSWORD)

    page.goto(unwanted.get_absolute_url())
    page.get_by_text("Discard draft…").click()
    page.get_by_test_id("discard-draft").click()
    expect(page.get_by_text("Draft discarded.")).to_be_visible()
    assert not Evaluation.objects.filter(pk=unwanted.pk).exists()

    note = _draft(physician, patient)
    page.goto(note.get_absolute_url())
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_text(ATTESTATION_REQUIRED)).to_be_visible()
    note.refresh_from_db()
    assert not note.is_signed
    page.goto(note.get_absolute_url())
    page.get_by_test_id("attest").check()
    page.get_by_role("button", name="Sign note").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Signed")
    attested = page.get_by_test_id("signed-attestation")
    expect(attested).to_contain_text(ATTESTATION)
    expect(attested).to_contain_text("Ada Okafor")
    page.set_viewport_size({"width": 390, "height": 844})
