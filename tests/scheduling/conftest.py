import datetime

import pytest
from django.utils import timezone

from tests.factories.scheduling import clinic_day


@pytest.fixture
def duplex_day(office):
    """Danville with a sonographer open every day 08:00-17:00 and one ultrasound room."""
    return clinic_day(office)


@pytest.fixture
def in_three_days() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=3)


def at(day: datetime.date, hour: int, minute: int = 0, zone: str = "America/Los_Angeles") -> datetime.datetime:
    import zoneinfo

    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


# Committed-data tests (threads must see each other's commits). serialized_rollback puts
# the seeded rows (appointment types, groups) back after Django's flush.
COMMITTED = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _flushable_test_database(request, django_db_setup, django_db_blocker):
    """On PostgreSQL, the flush after a committed-data test TRUNCATEs auth_user; auditlog's own
    log table, swapped out for clinic.AuditEntry and never written, still references it and
    would make the TRUNCATE fail. It is dropped from the throw-away test database only."""
    if "transactional_db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        from django.db import connection

        with django_db_blocker.unblock():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("DROP TABLE IF EXISTS auditlog_logentry")
    yield
