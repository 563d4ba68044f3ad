"""Whatever arrives in a POST, the screening and intake forms answer without a server error."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.forms import IntakeForm, ScreeningForm
from intake.models.answers import ANSWER_FIELDS
from tests.factories import PatientFactory
from tests.intake.answers import screening_post

pytestmark = pytest.mark.django_db

FIELDS = sorted(set(ANSWER_FIELDS) | set(screening_post()) | {"website"})
junk = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "none", "left", "both", "yes", "on", "-1", "101", "2099-01-01", "1890-02-30", "0", "\x00"]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.lists(st.sampled_from(["calf", "thigh", "thyroid", "bogus", "ablation"]), max_size=4),
)
posts = st.dictionaries(st.sampled_from(FIELDS), junk, max_size=len(FIELDS))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def merge(base: dict, changes: dict) -> MultiValueDict:
    """What a real POST becomes: every key a list of strings, read by its last value."""
    return MultiValueDict({k: v if isinstance(v, list) else [v] for k, v in {**base, **changes}.items()})


@FUZZ
@given(changes=posts)
def test_screening_form_never_raises(changes: dict) -> None:
    form = ScreeningForm(data=merge(screening_post(), changes))
    if form.is_valid():
        assert form.cleaned_data["phone"].startswith("+1")


@FUZZ
@given(changes=posts)
def test_screening_page_never_answers_with_a_server_error(changes: dict) -> None:
    from django.core.cache import cache

    cache.clear()
    response = Client().post(reverse("screening_form"), merge(screening_post(), changes))
    assert response.status_code in (200, 302)


@FUZZ
@given(changes=posts)
def test_intake_form_never_raises(changes: dict) -> None:
    patient = PatientFactory.build(pk=1, sex_at_birth="F")
    form = IntakeForm(data=merge(screening_post(), changes), patient=patient)
    form.is_valid()
