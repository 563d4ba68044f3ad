"""The interop app's pages and the FHIR API.

The API's views are ``@public`` for the session machinery: a caller proves itself with a
bearer token, checked by the view (interop.api.client_required). Without one, every role
(a staff session is no token) gets the same 401 OperationOutcome; the CapabilityStatement
is open to all, as FHIR expects.
"""

from interop.models import ApiClient, BulkExport
from tests.authz import (
    ADMIN,
    PHYSICIAN,
    Case,
    grid,
    staff_only,
)
from tests.factories import PatientFactory, UserFactory


def _api_client(user) -> dict:
    admin = UserFactory()
    client = ApiClient(name=f"Client {ApiClient.objects.count()}", user=UserFactory(), created_by=admin)
    client.set_token(ApiClient.new_token())
    client.save()
    return {"pk": client.pk}


def _export(user) -> dict:
    return {"pk": BulkExport.objects.create(requested_by=UserFactory()).pk}


CASES = [
    Case(
        "interop:patient_bundle",
        staff_only(PHYSICIAN, ADMIN),
        kwargs=lambda user: {"pk": PatientFactory().pk},
    ),
    Case("interop:client_list", staff_only(ADMIN)),
    Case("interop:client_revoke", staff_only(ADMIN), kwargs=_api_client),
    Case("interop:export_list", staff_only(ADMIN)),
    Case("interop:export_detail", staff_only(ADMIN), kwargs=_export),
    Case("interop:export_status", staff_only(ADMIN), kwargs=_export),
    Case(
        "interop:export_download",
        staff_only(ADMIN, ok=404),
        kwargs=lambda user: {**_export(user), "resource_type": "Patient"},
        note="an export still queued has no file yet",
    ),
    Case("fhir:metadata", grid(200)),
    Case("fhir:search", grid(401), kwargs=lambda user: {"resource_type": "Patient"}),
    Case("fhir:read", grid(401), kwargs=lambda user: {"resource_type": "Patient", "resource_id": "patient-1"}),
    Case("fhir:everything", grid(401), kwargs=lambda user: {"resource_id": "patient-1"}),
]
