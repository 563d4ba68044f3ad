"""The chart's FHIR download and the admin's client pages (issue once, revoke)."""

import pytest
from django.urls import reverse

from clinic.models import AuditEntry
from interop.models import ApiClient, hash_token
from tests.conftest import client_for
from tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db


def test_the_chart_offers_the_fhir_download_to_a_physician(physician, record) -> None:
    response = client_for(physician).get(record["patient"].get_absolute_url())
    assert reverse("interop:patient_bundle", args=[record["patient"].pk]) in response.content.decode()


def test_the_chart_download_is_a_fhir_bundle_and_audited(physician, record) -> None:
    patient = record["patient"]
    response = client_for(physician).get(reverse("interop:patient_bundle", args=[patient.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
    assert AuditEntry.objects.filter(
        actor=physician, object_pk=str(patient.pk), action=AuditEntry.Action.ACCESS
    ).exists()


def test_issuing_shows_the_token_once_and_keeps_only_its_hash(clinic_admin) -> None:
    office = OfficeFactory()
    client = client_for(clinic_admin)
    response = client.post(
        reverse("interop:client_list"),
        {"name": "Regional HIE", "resource_types": ["Patient", "Observation"], "offices": [office.pk]},
    )
    assert response.status_code == 200
    token = response.context["token"]
    assert token in response.content.decode()
    issued = ApiClient.objects.get()
    assert issued.token_hash == hash_token(token)
    assert issued.resource_types == ["Observation", "Patient"]
    assert list(issued.offices.all()) == [office]
    assert not issued.user.has_usable_password()
    assert token not in client.get(reverse("interop:client_list")).content.decode()


def test_a_client_needs_offices_or_every_office(clinic_admin) -> None:
    response = client_for(clinic_admin).post(
        reverse("interop:client_list"), {"name": "Registry", "resource_types": ["Patient"]}
    )
    assert "Choose the offices" in response.content.decode()
    assert not ApiClient.objects.exists()


def test_revoking_asks_first_then_stops_the_token(clinic_admin) -> None:
    from tests.interop.conftest import issue

    api_client, _token = issue(clinic_admin, all_offices=True)
    client = client_for(clinic_admin)
    url = reverse("interop:client_revoke", args=[api_client.pk])
    assert "Keep it" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    api_client.refresh_from_db()
    assert api_client.revoked_by == clinic_admin and not api_client.user.is_active
