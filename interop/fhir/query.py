"""Read, search and $everything over the registry, within what the reader may see."""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from interop.fhir import registry
from interop.fhir.registry import Part, Source, identifier_system, resource_id

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PAGING_PARAMS = ("_count", "_offset")
_DATE = re.compile(r"^(eq|ne|gt|lt|ge|le)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class BadRequest(ValueError):
    """A search the API cannot answer: an unknown parameter or an unreadable value (400)."""


@dataclass(frozen=True)
class Scope:
    """What a reader may see: patients (a queryset of them) and offices (ids); None means all."""

    patients: models.QuerySet | None = None
    offices: list[int] | None = None


EVERYTHING = Scope()


def scoped(source: Source, scope: Scope) -> models.QuerySet:
    queryset = source.queryset()
    if source.patient and scope.patients is not None:
        queryset = queryset.filter(**{f"{source.patient}__in": scope.patients.values("pk")})
    if source.office and scope.offices is not None:
        queryset = queryset.filter(**{f"{source.office}__in": scope.offices})
        if source.office != "pk":
            queryset = queryset.distinct()
    return queryset


def read(resource_type: str, fhir_id: str, scope: Scope) -> tuple[Source, Any] | None:
    found = registry.source_for_id(resource_type, fhir_id)
    if found is None:
        return None
    source, key = found
    split = source.split_key(key)
    if split is None:
        return None
    row_key, number = split
    try:
        row = scoped(source, scope).filter(**{source.key: row_key}).first()
    except (ValueError, TypeError):
        return None
    if row is None:
        return None
    if number is None:
        return source, row
    parts = source.expand([row])
    return (source, parts[number - 1]) if number <= len(parts) else None


def _date_range(text: str) -> tuple[str, datetime.date, datetime.date]:
    """(comparator, first day, day after the last) of a FHIR date value at its precision."""
    match = _DATE.match(text)
    if not match:
        raise BadRequest(
            f"Cannot read the date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD, "
            "after an optional ge, le, gt, lt, eq or ne."
        )
    comparator, year, month, day = match.group(1) or "eq", int(match.group(2)), match.group(3), match.group(4)
    try:
        if day:
            first = datetime.date(year, int(month), int(day))
            after = first + datetime.timedelta(days=1)
        elif month:
            first = datetime.date(year, int(month), 1)
            after = (first + datetime.timedelta(days=32)).replace(day=1)
        else:
            first, after = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    except (ValueError, OverflowError) as error:
        raise BadRequest(f"{text!r} is not a calendar date.") from error
    return comparator, first, after


def _bound(source: Source, day: datetime.date) -> datetime.date | datetime.datetime:
    """A day as the date field compares it: a DateTimeField compares the clinic's midnight."""
    model = source.queryset().model
    for part in source.date.split("__"):
        field = model._meta.get_field(part)
        model = field.related_model if field.is_relation else model
    if isinstance(field, models.DateTimeField):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return day


def date_filter(source: Source, text: str) -> models.Q:
    comparator, first, after = _date_range(text)
    lookup = source.date
    start, end = _bound(source, first), _bound(source, after)
    return {
        "eq": models.Q(**{f"{lookup}__gte": start, f"{lookup}__lt": end}),
        "ne": ~models.Q(**{f"{lookup}__gte": start, f"{lookup}__lt": end}),
        "ge": models.Q(**{f"{lookup}__gte": start}),
        "gt": models.Q(**{f"{lookup}__gte": end}),
        "le": models.Q(**{f"{lookup}__lt": end}),
        "lt": models.Q(**{f"{lookup}__lt": start}),
    }[comparator]


def range_filter(source: Source, since: datetime.date | None, until: datetime.date | None) -> models.Q:
    """Rows dated from ``since`` through ``until`` (either may be open), for the bulk export."""
    q = models.Q()
    if since:
        q &= models.Q(**{f"{source.date}__gte": _bound(source, since)})
    if until:
        q &= models.Q(**{f"{source.date}__lt": _bound(source, until + datetime.timedelta(days=1))})
    return q


def _identifier_filter(source: Source, text: str) -> models.Q:
    system, bar, value = text.rpartition("|")
    systems = source.all_identifiers()
    # "system|value" looks in that system only; a bare value in each of the source's systems.
    fields = list(systems.values()) if not (bar and system) else [systems[system]] if system in systems else []
    q = models.Q(pk__in=[])
    for field in fields:
        key = value
        if field == source.key:
            split = source.split_key(value)
            key = split[0] if split else ""
        if field in ("pk", "user_id") and not key.isdigit():
            continue
        q |= models.Q(**{field: key})
    return q


def _patient_filter(source: Source, text: str) -> models.Q:
    fhir_id = text.removeprefix("Patient/")
    found = registry.source_for_id("Patient", fhir_id)
    if found is None or not found[1].isdigit():
        raise BadRequest(f"patient={text!r} names no patient id such as Patient/patient-12.")
    return models.Q(**{source.patient: int(found[1])})


def _id_filter(source: Source, text: str) -> models.Q:
    found = registry.source_for_id(source.resource_type, text)
    if found is None or found[0] is not source:
        return models.Q(pk__in=[])
    split = source.split_key(found[1])
    return models.Q(**{source.key: split[0]}) if split and split[0].isdigit() else models.Q(pk__in=[])


def _part_matches(source: Source, part: Part, params: list[tuple[str, str]]) -> bool:
    """Whether one part of a row answers the search's ``_id`` and ``identifier`` (the row's own filter
    found the row; its other parts do not match)."""
    for name, value in params:
        if name == "_id" and value != resource_id(source.prefix, part.key):
            return False
        if name == "identifier":
            system, bar, key = value.rpartition("|")
            if key != part.key or (bar and system and system != identifier_system(source.prefix)):
                return False
    return True


def supported_params(resource_type: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for source in registry.sources_for(resource_type):
        params.update(source.search_params)
    return params


def _filters(source: Source, params: list[tuple[str, str]]) -> models.Q | None:
    """The source's filter for the search, or None if one of its parameters does not apply to it."""
    q = models.Q()
    for name, value in params:
        if name not in source.search_params:
            return None
        if name == "_id":
            q &= _id_filter(source, value)
        elif name == "identifier":
            q &= _identifier_filter(source, value)
        elif name == "patient":
            q &= _patient_filter(source, value)
        else:
            q &= date_filter(source, value)
    return q


@dataclass
class Page:
    total: int
    offset: int
    count: int
    hits: list[tuple[Source, Any]]


def paging(query: dict[str, list[str]]) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        values = query.get(name) or [str(default)]
        try:
            value = int(values[-1])
        except ValueError as error:
            raise BadRequest(f"{name} must be a whole number.") from error
        if value < 0:
            raise BadRequest(f"{name} cannot be negative.")
        return value

    return min(number("_count", PAGE_SIZE), MAX_PAGE_SIZE), number("_offset", 0)


def search(resource_type: str, query: dict[str, list[str]], scope: Scope) -> Page:
    """One page of matches across every source of ``resource_type``, in (source, key) order.

    Query count is flat: per source one COUNT and, when the page reaches it, one fetch
    (plus the source's own prefetches), however many rows match. A source whose rows hold
    several resources (``parts``) is read once and counted by its parts.
    """
    allowed = supported_params(resource_type)
    params = []
    for name, values in query.items():
        if name in PAGING_PARAMS:
            continue
        if name not in allowed:
            raise BadRequest(
                f"{resource_type} cannot be searched by {name!r}; it supports {', '.join(sorted(allowed))}."
            )
        params += [(name, value) for value in values]
    count, offset = paging(query)
    hits: list[tuple[Source, Any]] = []
    total = 0
    for source in registry.sources_for(resource_type):
        q = _filters(source, params)
        if q is None:
            continue
        queryset = scoped(source, scope).filter(q).order_by(source.key)
        start = max(offset - total, 0)
        wanted = count - len(hits)
        if source.parts is not None:
            # Parts are counted after the rows are read: one fetch (and the parts' one look-up).
            parts = [part for part in source.expand(queryset) if _part_matches(source, part, params)]
            size = len(parts)
            if wanted > 0:
                hits += [(source, part) for part in parts[start : start + wanted]]
            total += size
            continue
        size = queryset.count()
        if wanted > 0 and start < size:
            hits += [(source, row) for row in queryset[start : start + wanted]]
        total += size
    return Page(total=total, offset=offset, count=count, hits=hits)


def everything(patient_id: int, scope: Scope) -> list[tuple[Source, Any]]:
    """Every resource about one patient, then the practitioners, offices and organizations they name."""
    hits: list[tuple[Source, Any]] = []
    for source in registry.sources():
        if source.patient:
            queryset = scoped(source, scope).filter(**{source.patient: patient_id})
            hits += [(source, row) for row in source.expand(queryset.order_by(source.key))]
    return hits


def referenced(resources: list[dict[str, Any]], scope: Scope) -> list[tuple[Source, Any]]:
    """The rows behind references to resources that belong to no patient (offices, staff), one query per kind."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for resource in resources:
        for reference in registry.references(resource):
            resource_type, _slash, fhir_id = reference.partition("/")
            found = registry.source_for_id(resource_type, fhir_id)
            if found and not found[0].patient and found[1].isdigit():
                wanted[found[0].prefix].add(found[1])
    hits = []
    for source in registry.sources():
        keys = wanted.get(source.prefix)
        if keys:
            queryset = scoped(source, scope).filter(**{f"{source.key}__in": sorted(keys)}).order_by(source.key)
            hits += [(source, row) for row in queryset]
    return hits
