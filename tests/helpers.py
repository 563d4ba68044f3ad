"""Small test helpers shared across apps."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (set DATABASE_URL): exercises a PostgreSQL-only trigger, index or constraint",
)

requires_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="exercises the embedded SQLite database's own triggers (run without DATABASE_URL)",
)


def count_queries(action: Callable[[], object]) -> int:
    """How many SQL queries ``action`` makes."""
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)
