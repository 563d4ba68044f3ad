"""The few SQL expressions the dashboard needs that the ORM lacks, for PostgreSQL and SQLite.

Percentiles: PostgreSQL computes them in the aggregate query (``percentile_cont``);
SQLite has no such aggregate, so there the same query returns the values and
``percentile`` interpolates them exactly as ``percentile_cont`` does.
"""

import math
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, QuerySet


class DaysBetween(Func):
    """Whole days from ``earlier`` to ``later``, two dates (or date-valued expressions)."""

    arity = 2
    output_field = IntegerField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        later, earlier = self.get_source_expressions()
        later_sql, later_params = compiler.compile(later)
        earlier_sql, earlier_params = compiler.compile(earlier)
        if connection.vendor == "postgresql":
            sql = f"(({later_sql})::date - ({earlier_sql})::date)"
        else:
            sql = f"CAST(ROUND(julianday({later_sql}) - julianday({earlier_sql})) AS INTEGER)"
        return sql, (*later_params, *earlier_params)


class HoursBetween(Func):
    """Hours from ``start`` to ``end``, two timestamps."""

    arity = 2
    output_field = FloatField()

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple]:
        end, start = self.get_source_expressions()
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        if connection.vendor == "postgresql":
            sql = f"(EXTRACT(EPOCH FROM ({end_sql}) - ({start_sql})) / 3600.0)"
        else:
            sql = f"((julianday({end_sql}) - julianday({start_sql})) * 24.0)"
        return sql, (*end_params, *start_params)


class PercentileCont(Aggregate):
    """PostgreSQL's continuous percentile (linear interpolation between neighbours)."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        if not 0 <= fraction <= 1:
            raise ValueError("A percentile is a fraction between 0 and 1.")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)


def percentile(ordered: Sequence[float], fraction: float) -> float | None:
    """``percentile_cont(fraction)`` of already sorted values; None for no values."""
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median_and_p90(queryset: QuerySet, field: str) -> dict[str, Any]:
    """{"median", "p90", "count", "total"} of ``field`` (an annotation) over ``queryset``: one query.

    ``count`` counts rows where the field has a value, ``total`` every row.
    """
    if connection.vendor == "postgresql":
        return queryset.aggregate(
            median=PercentileCont(F(field), 0.5),
            p90=PercentileCont(F(field), 0.9),
            count=Count(field),
            total=Count("pk"),
        )
    values = list(queryset.values_list(field, flat=True))
    present = sorted(float(v) for v in values if v is not None)
    return {
        "median": percentile(present, 0.5),
        "p90": percentile(present, 0.9),
        "count": len(present),
        "total": len(values),
    }
