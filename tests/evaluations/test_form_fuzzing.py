"""Whatever is typed into the evaluation forms, the answer is never a server error."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from clinic.roles import Role
from tests.conftest import make_staff
from tests.factories.evaluations import DuplexStudyFactory, EvaluationFactory, LegAssessmentFactory, PlanItemFactory
from tests.helpers import verify_second_factor

text = st.text(max_size=40)
value = st.one_of(text, st.integers(-(10**6), 10**6).map(str), st.decimals(allow_nan=True).map(str))
FINDING_FIELDS = ["side", "segment", "reflux_ms", "diameter_mm", "compressibility", "thrombus", "ulcer", "location"]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class FormFuzzing(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.sonographer = make_staff(Role.SONOGRAPHER)
        cls.physician = make_staff(Role.PHYSICIAN)
        cls.study = DuplexStudyFactory()
        cls.evaluation = EvaluationFactory(physician=cls.physician)
        LegAssessmentFactory(evaluation=cls.evaluation, side="R")
        cls.item = PlanItemFactory()

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {},
            optional=dict.fromkeys(
                ("side", "segment", "reflux_ms", "diameter_mm", "compressibility", "thrombus", "ulcer", "location"),
                value,
            ),
        )
    )
    def test_finding_form_never_errors(self, data: dict) -> None:
        self.client.force_login(self.sonographer)
        verify_second_factor(self.client, self.sonographer)
        response = self.client.post(reverse("evaluations:study_detail", args=[self.study.pk]), data)
        assert response.status_code in (200, 302)

    @FUZZ
    @given(
        st.dictionaries(
            st.sampled_from(
                [
                    "visit_date",
                    "exam",
                    "leg-R-pain",
                    "leg-R-clinical_classes",
                    "leg-R-etiology",
                    "leg-R-segments",
                    "leg-R-ulcer_size",
                    "sign",
                    "attest",
                ]
            ),
            value,
        )
    )
    def test_evaluation_form_never_errors(self, data: dict) -> None:
        self.client.force_login(self.physician)
        verify_second_factor(self.client, self.physician)
        response = self.client.post(reverse("evaluations:evaluation_edit", args=[self.evaluation.pk]), data)
        assert response.status_code in (200, 302)

    @FUZZ
    @given(
        st.dictionaries(
            st.sampled_from(
                ["kind", "side", "target_segment", "compression_class", "start_date", "trial_days", "instructions"]
            ),
            value,
        )
    )
    def test_plan_item_form_never_errors(self, data: dict) -> None:
        self.client.force_login(self.physician)
        verify_second_factor(self.client, self.physician)
        response = self.client.post(reverse("evaluations:plan_item_add", args=[self.item.plan_id]), data)
        assert response.status_code in (302, 400)

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["status", "authorization_number", "done_on", "office", "start"]), value))
    def test_status_and_schedule_forms_never_error(self, data: dict) -> None:
        self.client.force_login(self.physician)
        verify_second_factor(self.client, self.physician)
        for name in ("plan_item_status", "plan_item_schedule"):
            response = self.client.post(reverse(f"evaluations:{name}", args=[self.item.pk]), data)
            assert response.status_code == 302
