"""Whatever is posted to the Wells form, the answer is a page or a redirect, never a server error."""

from urllib.parse import urlencode

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from clinic.roles import Role
from evaluations.models import WellsAssessment
from evaluations.rules import wells
from tests.conftest import make_staff
from tests.factories import PatientFactory
from tests.helpers import verify_second_factor

value = st.one_of(st.text(max_size=30), st.sampled_from(["on", "true", "1", "R", "L", "", "off"]))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class WellsFormFuzzing(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.physician = make_staff(Role.PHYSICIAN)
        cls.patient = PatientFactory()

    @FUZZ
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(("side", *wells.CODES), value)), st.text(max_size=10))
    def test_wells_form_never_errors_and_stores_only_a_consistent_score(self, data: dict, query_side: str) -> None:
        self.client.force_login(self.physician)
        verify_second_factor(self.client, self.physician)
        url = reverse("evaluations:wells_new", args=[self.patient.pk]) + "?" + urlencode({"side": query_side})
        before = WellsAssessment.objects.count()
        response = self.client.post(url, data)
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            saved = WellsAssessment.objects.latest("pk")
            assert WellsAssessment.objects.count() == before + 1
            assert saved.side == data["side"]
            assert saved.score == wells.score(saved.present()).score
        else:
            assert WellsAssessment.objects.count() == before
