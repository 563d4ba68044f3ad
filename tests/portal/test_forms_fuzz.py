"""Whatever is posted to the portal's forms, the answer is a page, never a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.portal import consult_office, invitation_link, portal_patient

pytestmark = pytest.mark.django_db

text = st.text(max_size=40)
FIELDS = {
    "/portal/book/confirm/": ["office", "type", "start", "note"],
    "/portal/preferences/": ["preferred_language", "preferred_contact", "phone", "email", "state", "may_text"],
    "/portal/preferences/identity/": ["first_name", "last_name", "date_of_birth"],
    "/portal/intake/": ["swelling", "cramps_per_week", "pregnancy", "medications", "compression_since", "later"],
    "/portal/intake/autosave/": ["swelling", "medications", "conditions"],
}


@pytest.fixture
def fuzz_client(db):
    office, _physician, _room = consult_office()
    user, _patient = portal_patient(office=office)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", sorted(FIELDS))
def test_patient_forms_never_fail_with_a_server_error(fuzz_client, path: str) -> None:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS[path], text)))
    def post(data: dict) -> None:
        assert fuzz_client.post(path, data).status_code < 500

    post()


def test_the_invitation_form_never_fails_with_a_server_error(db) -> None:
    _invitation, link = invitation_link()
    client = Client(raise_request_exception=False)

    @settings(max_examples=25, deadline=None)
    @given(st.fixed_dictionaries({}, optional={"username": text, "password1": text, "password2": text}))
    def post(data: dict) -> None:
        assert client.post(link, data).status_code < 500

    post()
