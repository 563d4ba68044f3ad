"""Constraints that exist only where the database can enforce them.

An exclusion constraint over a time range is what makes double booking
impossible under any concurrency, but only PostgreSQL (with btree_gist) has it.
On SQLite the booking service serialises writers instead (BEGIN IMMEDIATE, see
settings), so the same model and migrations run on both.
"""

from typing import Any

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func, Q

EXCLUSION_VIOLATION = "23P01"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class PostgresOnlyExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint that other databases skip instead of failing on."""

    def constraint_sql(self, model: Any, schema_editor: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model: Any, schema_editor: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model: Any, schema_editor: Any) -> Any:
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model: Any, instance: Any, exclude: Any = None, using: str = DEFAULT_DB_ALIAS) -> None:
        if connections[using].vendor != "postgresql":
            return
        super().validate(model, instance, exclude=exclude, using=using)


def no_overlap(field: str, *, name: str, active: Q) -> PostgresOnlyExclusionConstraint:
    """No two active rows with the same ``field`` may have overlapping [start, end)."""
    return PostgresOnlyExclusionConstraint(
        name=name,
        expressions=[
            (
                TsTzRange("start", "end", RangeBoundary(inclusive_lower=True, inclusive_upper=False)),
                RangeOperators.OVERLAPS,
            ),
            (field, RangeOperators.EQUAL),
        ],
        condition=active,
        violation_error_message="This time overlaps another appointment.",
    )
