"""Small test helpers shared across apps."""

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
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


requires_redis = pytest.mark.skipif(
    not settings.REDIS_URL,
    reason="needs Redis (set REDIS_URL): exercises what production runs on Redis itself, e.g. a Lua script",
)

ROOT = Path(__file__).resolve().parents[1]
# Variables a start-up test must not inherit from the shell that runs the suite.
PROFILE_VARIABLES = ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def start_process(*command: str, **variables: str) -> subprocess.CompletedProcess:
    """Run a VeinFlow command (``manage.py check``, a worker) from the project root until it exits."""
    environment = {k: v for k, v in os.environ.items() if k not in PROFILE_VARIABLES}
    environment.update(variables)
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    return start_process(sys.executable, "manage.py", *args, **variables)
