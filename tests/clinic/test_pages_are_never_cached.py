"""Pages that may show PHI tell browsers and proxies to keep no copy (Cache-Control: no-store)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


def test_a_patient_chart_is_not_stored(front_desk) -> None:
    response = client_for(front_desk).get(reverse("patient_chart", args=[PatientFactory().pk]))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_portal_page_is_not_stored(patient_user) -> None:
    response = client_for(patient_user).get(reverse("portal:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_public_screening_form_shown_again_with_errors_is_not_stored() -> None:
    response = Client().post(reverse("screening_form"), {"first_name": "Ann", "last_name": "O'Brien"})
    assert "no-store" in response["Cache-Control"]


def test_a_redirect_after_sign_in_is_not_stored() -> None:
    assert "no-store" in Client().get(reverse("home"))["Cache-Control"]


def test_static_files_stay_cacheable(client) -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("bootstrap/css/bootstrap.min.css")
    response = client.get("/static/bootstrap/css/bootstrap.min.css")
    assert "no-store" not in response.get("Cache-Control", "")
