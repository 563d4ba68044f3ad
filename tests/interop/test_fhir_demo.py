"""The demo practice's FHIR client reads with its published token, and loading the demo twice changes nothing."""

import pytest

from interop import demo
from interop.models import ApiClient
from tests.factories import PatientFactory, UserFactory
from tests.interop.conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_demo_client_reads_with_its_published_token_and_loads_once() -> None:
    UserFactory(username="admin")
    PatientFactory()
    demo.load_demo()
    demo.load_demo()
    assert ApiClient.objects.filter(name=demo.DEMO_CLIENT).count() == 1
    response = bearer(demo.DEMO_TOKEN).get("/fhir/Patient")
    assert response.status_code == 200 and response.json()["total"] == 1
