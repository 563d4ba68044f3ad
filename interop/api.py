"""The read-only FHIR API: /fhir/metadata, read, search and Patient/$everything.

Callers are API clients, not staff: each request carries the client's bearer token, so the
views are ``@public`` for the session machinery and check the token themselves
(``client_required``), before anything else. Every answer that is not a resource is an
OperationOutcome: 401 without a live token, 403 for a type outside the client's scope, 400 for
an unknown type or search parameter, 404 for a record that does not exist or lies outside the
client's offices (never 403, so ids cannot be probed), 429 past the client's rate.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from clinic import audit
from clinic.access import public
from clinic.throttle import over_limit
from interop.fhir import bundles, query, registry
from interop.fhir.query import BadRequest, Scope
from interop.models import ApiClient

FHIR_JSON = "application/fhir+json"
# Clinic policy: a client's reads per minute; enough for a paging sync, not for scraping.
RATE = (600, 60)


def fhir_response(data: dict, status: int = 200) -> HttpResponse:
    return JsonResponse(data, status=status, content_type=FHIR_JSON)


def refusal(status: int, code: str, text: str) -> HttpResponse:
    response = fhir_response(bundles.outcome(code, text), status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="VeinFlow FHIR"'
    return response


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/fhir").rstrip("/")


def bearer_client(request: HttpRequest) -> ApiClient | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return ApiClient.objects.by_token(token.strip())


def client_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @public
    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = bearer_client(request)
        if client is None:
            return refusal(401, "login", "A valid bearer token is required (Authorization: Bearer ...).")
        if over_limit(request, group="interop:fhir", rate=RATE, key=f"client:{client.pk}"):
            return refusal(429, "throttled", "Too many requests; wait a minute and try again.")
        return view(request, client, *args, **kwargs)

    return wrapped


def scope_of(client: ApiClient) -> Scope:
    if client.all_offices:
        return Scope()
    return Scope(patients=client.patients(), offices=client.office_ids())


def _check_type(client: ApiClient, resource_type: str) -> HttpResponse | None:
    if resource_type not in registry.resource_types():
        return refusal(400, "not-supported", f"{resource_type!r} is not a resource type this server has.")
    if not client.may_read(resource_type):
        return refusal(403, "forbidden", f"This client's token does not allow reading {resource_type}.")
    return None


def _audit(client: ApiClient, hits: list[tuple[registry.Source, Any]]) -> None:
    audit.log_access_many((source.audited(row) for source, row in hits), actor=client.user)


@public
@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement: open to anyone, as FHIR expects; it holds no patient information."""
    return fhir_response(bundles.capability_statement(base_url(request)))


@client_required
def read(request: HttpRequest, client: ApiClient, resource_type: str, resource_id: str) -> HttpResponse:
    refused = _check_type(client, resource_type)
    if refused:
        return refused
    found = query.read(resource_type, resource_id, scope_of(client))
    if found is None:
        return refusal(404, "not-found", f"{resource_type}/{resource_id} is not known.")
    source, row = found
    resource = source.to_json(row)
    _audit(client, [found])
    return fhir_response(resource)


@client_required
def search(request: HttpRequest, client: ApiClient, resource_type: str) -> HttpResponse:
    refused = _check_type(client, resource_type)
    if refused:
        return refused
    params = {name: request.GET.getlist(name) for name in request.GET}
    try:
        page = query.search(resource_type, params, scope_of(client))
    except BadRequest as error:
        return refusal(400, "invalid", str(error))
    resources = [(source, source.to_json(row)) for source, row in page.hits]
    _audit(client, page.hits)
    return fhir_response(bundles.search_page(base_url(request), resource_type, params, page, resources))


def everything_bundle(base: str, patient_id: int, scope: Scope, types: set[str] | None = None) -> tuple[dict, list]:
    """The patient's whole record as a searchset Bundle, and the rows it was built from (for the audit)."""
    hits = [hit for hit in query.everything(patient_id, scope) if types is None or hit[0].resource_type in types]
    matches = [(source, source.to_json(row)) for source, row in hits]
    included = [
        hit
        for hit in query.referenced([r for _s, r in matches], scope)
        if types is None or hit[0].resource_type in types
    ]
    includes = [(source, source.to_json(row)) for source, row in included]
    return bundles.searchset(base, matches, includes, total=len(matches)), hits + included


@client_required
def everything(request: HttpRequest, client: ApiClient, resource_id: str) -> HttpResponse:
    """Patient/$everything: the resource types this client may read, about one patient in its scope."""
    refused = _check_type(client, "Patient")
    if refused:
        return refused
    scope = scope_of(client)
    found = query.read("Patient", resource_id, scope)
    if found is None:
        return refusal(404, "not-found", f"Patient/{resource_id} is not known.")
    bundle, hits = everything_bundle(base_url(request), found[1].pk, scope, set(client.resource_types))
    _audit(client, hits)
    return fhir_response(bundle)
