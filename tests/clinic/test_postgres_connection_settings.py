"""How the app's PostgreSQL connections are set up."""

import pytest
from django.db import connection

from tests.helpers import requires_postgres

pytestmark = [pytest.mark.postgres, requires_postgres, pytest.mark.django_db]


def test_queries_are_not_jit_compiled():
    """At a big practice's size the planner's cost estimates pass jit_above_cost, and compiling
    took most of the dashboard's time (benchmark P9); the app's short queries never gain from it."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
