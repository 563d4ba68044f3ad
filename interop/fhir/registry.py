"""The one table of what VeinFlow exports as FHIR: a resource type, the records behind it, and
the function that builds one resource from one record.

Adding a mapping for a new model is one decorated function in a module under
``interop/fhir/mappings/`` (listed in ``mappings.MODULES``)::

    @register("Observation", prefix="hasti",
              queryset=lambda: SymptomScore.objects.select_related("patient"),
              patient="patient_id", date="recorded_at")
    def symptom_observation(row: SymptomScore) -> Observation:
        return Observation(id=resource_id("hasti", row.pk), subject=patient_ref(row.patient_id), ...)

Read, search (``identifier``, ``patient``, ``date``), ``$everything``, the bulk export and the
CapabilityStatement all come from this table; nothing else needs changing. The resource's id is
``<prefix>-<key>``, so a type fed by two models (Observation: a duplex finding, a VCSS score) keeps
its ids apart, and ``urn:veinflow:<prefix>`` is the identifier system every resource carries.

A record that holds several resources (a medication list, one MedicationStatement per line)
registers ``parts``: given a batch of rows, the values ``build`` turns into resources, row by
row, so a batch costs one look-up however many rows it holds. ``build`` then receives a
``Part`` and each resource's key is ``<row key>.<n>`` (n from 1).
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import models
from fhir.resources.R4B.resource import Resource

from interop.fhir.valuesets import check_bindings

IDENTIFIER_BASE = "urn:veinflow:"


def identifier_system(prefix: str) -> str:
    return f"{IDENTIFIER_BASE}{prefix}"


def resource_id(prefix: str, key: Any) -> str:
    return f"{prefix}-{key}"


def identifier(prefix: str, key: Any) -> dict[str, str]:
    return {"system": identifier_system(prefix), "value": str(key)}


@dataclass(frozen=True)
class Part:
    """The n-th resource (from 1) of a row that holds several."""

    row: Any
    number: int
    value: Any
    key: str


_PART_KEY = re.compile(r"^(\d+)\.([1-9]\d*)$")


@dataclass(frozen=True)
class Source:
    """One model behind one FHIR resource type."""

    resource_type: str
    prefix: str
    build: Callable[[Any], Resource]
    queryset: Callable[[], models.QuerySet]
    # Lookup from the row to its patient's id: scopes a client to its patients and serves ``patient=``.
    patient: str | None = None
    search_patient: bool = True
    # Lookup of the row's date (a DateField or DateTimeField): ``date=`` and the bulk export's range.
    date: str | None = None
    date_param: str = "date"
    # Lookup from the row to its office's id, for rows that belong to no patient (offices, staff).
    office: str | None = None
    # The field behind the id (``<prefix>-<key>``) and the urn:veinflow identifier.
    key: str = "pk"
    # Further identifier systems and the field holding each (a practitioner's NPI).
    identifiers: dict[str, str] = field(default_factory=dict)
    # The record whose read the audit trail records (default: the row itself).
    audited: Callable[[Any], models.Model | None] = lambda row: row
    # For a row that holds several resources: per row of a batch, the values build takes (module docstring).
    parts: Callable[[list[Any]], list[list[Any]]] | None = None

    def key_of(self, row: Any) -> Any:
        if isinstance(row, Part):
            return row.key
        return getattr(row, "pk" if self.key == "pk" else self.key)

    def expand(self, rows: Iterable[Any]) -> list[Any]:
        """The resources' sources in order: the rows themselves, or each row's parts."""
        rows = list(rows)
        if self.parts is None:
            return rows
        return [
            Part(row, number, value, f"{self.key_of(row)}.{number}")
            for row, values in zip(rows, self.parts(rows), strict=True)
            for number, value in enumerate(values, start=1)
        ]

    def split_key(self, key: str) -> tuple[str, int | None] | None:
        """(row key, part number) of a resource key; the part is None for a source without parts."""
        if self.parts is None:
            return key, None
        match = _PART_KEY.match(key)
        return (match.group(1), int(match.group(2))) if match else None

    def to_json(self, row: Any) -> dict[str, Any]:
        """The finished resource as JSON, its coded elements checked against their value sets."""
        data = self.build(row).model_dump(mode="json", exclude_none=True)
        check_bindings(data)
        return data

    @property
    def search_params(self) -> dict[str, str]:
        """Search parameter name -> FHIR search type."""
        params = {"_id": "token", "identifier": "token"}
        if self.patient and self.search_patient:
            params["patient"] = "reference"
        if self.date:
            params[self.date_param] = "date"
        return params

    def all_identifiers(self) -> dict[str, str]:
        return {identifier_system(self.prefix): self.key, **self.identifiers}


_sources: dict[str, Source] = {}


def register(resource_type: str, *, prefix: str, queryset: Callable[[], models.QuerySet], **options: Any):
    """Decorator: ``build`` turns one row of ``queryset()`` into one ``resource_type``."""

    def decorator(build: Callable[[Any], Resource]) -> Callable[[Any], Resource]:
        if prefix in _sources:
            raise ValueError(f"FHIR id prefix {prefix!r} is already used by {_sources[prefix].resource_type}")
        _sources[prefix] = Source(resource_type, prefix, build, queryset, **options)
        return build

    return decorator


def sources() -> list[Source]:
    return list(_sources.values())


def resource_types() -> list[str]:
    return sorted({s.resource_type for s in _sources.values()})


def sources_for(resource_type: str) -> list[Source]:
    return [s for s in _sources.values() if s.resource_type == resource_type]


def source_for_id(resource_type: str, fhir_id: str) -> tuple[Source, str] | None:
    """The source and key behind ``<prefix>-<key>``, if ``resource_type`` has such a prefix."""
    prefix, _dash, key = fhir_id.rpartition("-")
    source = _sources.get(prefix)
    if source is None or source.resource_type != resource_type or not key:
        return None
    return source, key


def rows(source: Source, queryset: models.QuerySet, *, chunk_size: int = 2000) -> Iterator[Any]:
    """Rows (or their parts) in key order, fetched in chunks so memory stays flat however many there are."""
    fetched = queryset.order_by(source.key).iterator(chunk_size=chunk_size)
    if source.parts is None:
        return fetched
    return (item for chunk in iter(lambda: list(islice(fetched, chunk_size)), []) for item in source.expand(chunk))


def count(source: Source, queryset: models.QuerySet) -> int:
    """How many resources ``queryset`` holds: its rows, or their parts."""
    if source.parts is None:
        return queryset.count()
    return sum(1 for _item in rows(source, queryset))


def references(resource: Any) -> Iterable[str]:
    """Every ``reference`` string inside a resource (as JSON)."""
    if isinstance(resource, dict):
        for name, value in resource.items():
            if name == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(resource, list):
        for item in resource:
            yield from references(item)
