"""Whatever is typed into the core forms, the answer is a page, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

text = st.text(max_size=200)
fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(username=text, password=text)
def test_the_login_form_never_errors(username: str, password: str) -> None:
    response = Client(raise_request_exception=False).post(
        reverse("login"), {"username": username, "password": password}
    )
    assert response.status_code in (200, 302, 429)


@fuzz
@given(
    actor=text, record_type=text, object_pk=text, action=text, since=text, until=text, page=text
)  # fmt: skip
def test_the_audit_filter_never_errors(clinic_admin, actor, record_type, object_pk, action, since, until, page) -> None:
    client = client_for(clinic_admin)
    client.raise_request_exception = False
    params = {"actor": actor, "record_type": record_type, "object_pk": object_pk, "action": action}
    params |= {"since": since, "until": until, "page": page}
    response = client.get(reverse("audit_log"), {k: v.replace("\x00", "") for k, v in params.items()})
    assert response.status_code == 200
