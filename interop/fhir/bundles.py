"""Bundles and OperationOutcomes, built with fhir.resources R4B."""

from typing import Any
from urllib.parse import urlencode

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome

from interop.fhir import registry
from interop.fhir.query import Page, supported_params
from interop.fhir.registry import Source

FHIR_VERSION = "4.3.0"  # R4B


def _entry(base: str, source: Source, resource: dict[str, Any], mode: str) -> dict[str, Any]:
    return {
        "fullUrl": f"{base}/{source.resource_type}/{resource['id']}",
        "resource": resource,
        "search": {"mode": mode},
    }


def searchset(
    base: str, matches: list[tuple[Source, dict]], includes: list[tuple[Source, dict]] = (), **extra: Any
) -> dict:
    bundle = Bundle(
        type="searchset",
        timestamp=timezone.now().isoformat(),
        entry=[_entry(base, s, r, "match") for s, r in matches] + [_entry(base, s, r, "include") for s, r in includes]
        or None,
        **extra,
    )
    return bundle.model_dump(mode="json", exclude_none=True)


def search_page(
    base: str, resource_type: str, query: dict[str, list[str]], page: Page, resources: list[tuple[Source, dict]]
) -> dict:
    """A searchset page with self, first, previous and next links (``_offset`` and ``_count``)."""
    kept = [(name, value) for name, values in query.items() if name not in ("_offset", "_count") for value in values]

    def link(relation: str, offset: int) -> dict[str, str]:
        params = urlencode([*kept, ("_count", page.count), ("_offset", offset)])
        return {"relation": relation, "url": f"{base}/{resource_type}?{params}"}

    links = [link("self", page.offset), link("first", 0)]
    if page.offset > 0:
        links.append(link("previous", max(page.offset - page.count, 0)))
    if page.offset + page.count < page.total:
        links.append(link("next", page.offset + page.count))
    return searchset(base, resources, total=page.total, link=links)


def outcome(code: str, text: str, severity: str = "error") -> dict:
    """An OperationOutcome; ``code`` from http://hl7.org/fhir/ValueSet/issue-type."""
    return OperationOutcome(issue=[{"severity": severity, "code": code, "diagnostics": text}]).model_dump(
        mode="json", exclude_none=True
    )


def capability_statement(base: str) -> dict:
    """What this server answers: read and search per type, with exactly the search parameters it supports."""
    resources = []
    for resource_type in registry.resource_types():
        entry: dict[str, Any] = {
            "type": resource_type,
            "interaction": [{"code": "read"}, {"code": "search-type"}],
            "searchParam": [
                {"name": name, "type": kind} for name, kind in sorted(supported_params(resource_type).items())
            ],
        }
        if resource_type == "Patient":
            entry["operation"] = [
                {"name": "everything", "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything"}
            ]
        resources.append(entry)
    statement = CapabilityStatement(
        status="active",
        date=timezone.now().isoformat(),
        kind="instance",
        software={"name": "VeinFlow"},
        implementation={"description": "VeinFlow read-only FHIR API", "url": base},
        fhirVersion=FHIR_VERSION,
        format=["application/fhir+json"],
        rest=[
            {
                "mode": "server",
                "documentation": "Read-only. Every request but this one carries a bearer token a clinic admin issues "
                "(Authorization: Bearer vf_...). Search pages with _count (at most 200) and _offset.",
                "security": {
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "OAuth",
                                }
                            ],
                            "text": "Bearer token",
                        }
                    ],
                    "description": "Bearer tokens per client, scoped to resource types and offices; revocable.",
                },
                "resource": resources,
            }
        ],
    )
    return statement.model_dump(mode="json", exclude_none=True)
