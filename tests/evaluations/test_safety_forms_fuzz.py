"""Whatever is typed into the allergy, prior-authorization and override forms, the answer is never a server error."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from clinic.roles import Role
from tests.conftest import make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import PlanItemFactory, final_study
from tests.helpers import verify_second_factor

text = st.text(max_size=60)
day = st.dates().map(lambda d: d.isoformat())
value = st.one_of(text, day, st.integers(-(10**6), 10**6).map(str), st.sampled_from(["on", "1", ""]))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

AUTH_FIELDS = ["required", "status", "submitted_on", "payer_reference", "number", "units", "valid_until"]
AUTH_STATUS = st.sampled_from(["to_submit", "pending", "approved", "denied", "appealed", "lost"])


class SafetyFormFuzzing(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.physician = make_staff(Role.PHYSICIAN)
        cls.front_desk = make_staff(Role.FRONT_DESK)
        cls.patient = PatientFactory()
        cls.item = PlanItemFactory(plan__patient=cls.patient)
        final_study(cls.patient, side="R", segment="POPV", compressibility="none", thrombus="acute")

    def sign_in(self, user) -> None:
        self.client.force_login(user)
        verify_second_factor(self.client, user)

    @FUZZ
    @given(
        st.fixed_dictionaries({}, optional={"agent": value, "other_name": text, "reaction": text, "severity": value})
    )
    def test_allergy_form_never_errors(self, data: dict) -> None:
        self.sign_in(self.front_desk)
        response = self.client.post(reverse("allergy_add", args=[self.patient.pk]), data)
        assert response.status_code in (302, 400)

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {"status": st.one_of(AUTH_STATUS, value)},
            optional=dict.fromkeys([f for f in AUTH_FIELDS if f != "status"], value),
        )
    )
    def test_prior_authorization_form_never_errors(self, data: dict) -> None:
        self.sign_in(self.front_desk)
        response = self.client.post(reverse("evaluations:prior_authorization_update", args=[self.item.pk]), data)
        assert response.status_code in (302, 400)

    @FUZZ
    @given(
        st.fixed_dictionaries(
            {"start": st.one_of(value, st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")))},
            optional={"office": value, "override": value, "override_reason": text},
        )
    )
    def test_schedule_with_override_never_errors(self, data: dict) -> None:
        self.sign_in(self.physician)
        response = self.client.post(reverse("evaluations:plan_item_schedule", args=[self.item.pk]), data)
        assert response.status_code in (302, 400)
