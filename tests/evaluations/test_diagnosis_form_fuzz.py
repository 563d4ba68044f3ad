"""Whatever is typed or ticked as a diagnosis, the note page answers in words, never with a server error."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from clinic.roles import Role
from evaluations.forms import DiagnosisForm
from evaluations.models import Icd10Code
from tests.conftest import make_staff
from tests.evaluations.test_evaluation_notes import _note_data
from tests.factories.evaluations import EvaluationFactory, LegAssessmentFactory
from tests.helpers import verify_second_factor

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
code_like = st.from_regex(r"[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?", fullmatch=True)
typed = st.one_of(st.text(max_size=60), st.lists(code_like, max_size=6).map(", ".join))
ticked = st.lists(st.one_of(code_like, st.text(max_size=12), st.sampled_from(["I83.811", "I87.2"])), max_size=5)


class DiagnosisFormFuzzing(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.physician = make_staff(Role.PHYSICIAN)
        cls.evaluation = EvaluationFactory(physician=cls.physician)
        for side in "RL":
            LegAssessmentFactory(evaluation=cls.evaluation, side=side, clinical_classes=["C2"], symptomatic=True)

    @FUZZ
    @given(typed, ticked, st.sampled_from(["", "thigh", "calf", "nowhere", "<b>"]))
    def test_the_diagnosis_part_of_the_note_never_errors(self, other: str, codes: list[str], site: str) -> None:
        self.client.force_login(self.physician)
        verify_second_factor(self.client, self.physician)
        data = {**_note_data(clinical_classes=["C2"]), "dx-other": other, "dx-codes": codes, "leg-R-ulcer_site": site}
        response = self.client.post(reverse("evaluations:evaluation_edit", args=[self.evaluation.pk]), data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            # Refused: what was typed comes back, and nothing was coded.
            assert not self.evaluation.diagnoses.exists() or codes or other

    @FUZZ
    @given(typed)
    def test_only_codes_in_the_list_are_accepted(self, other: str) -> None:
        form = DiagnosisForm({"dx-other": other}, prefix="dx")
        known = set(Icd10Code.objects.active().values_list("code", flat=True))
        if form.is_valid():
            assert {c.code for c in form.cleaned_data["other"]} <= known
        else:
            assert form.errors["other"]
