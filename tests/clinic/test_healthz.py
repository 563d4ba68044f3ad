"""/healthz: 200 when the database and broker answer, 503 when either does not."""

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthy_answers_200_with_each_status(settings) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] in ("ok", "in-process")
    assert body["broker"] == ("ok" if settings.REDIS_URL else "in-process")


def test_an_unreachable_broker_answers_503(settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_an_unreachable_database_answers_503() -> None:
    with mock.patch("clinic.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
