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


# ---------------------------------------------------------------------------
# The second factor in tests
# ---------------------------------------------------------------------------
def totp_device_for(user):
    """The user's confirmed authenticator-app device, made if they have none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def totp_code(device, *, at: float | None = None) -> str:
    """The six digits the authenticator app would show (now, or at the epoch second ``at``)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def verify_second_factor(client, user) -> None:
    """Mark a signed-in test client's session as having passed the second factor,
    as the two-step page does (django_otp.login) after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from clinic.signin.policy import second_factor_required

    if not second_factor_required(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
