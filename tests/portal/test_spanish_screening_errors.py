"""The Spanish screening form's choices and its errors about the patient's details are in Spanish."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db


def spanish_answer(**data: str) -> str:
    return Client(HTTP_ACCEPT_LANGUAGE="es").post("/screening/", data).content.decode()


def test_sex_at_birth_is_offered_in_spanish() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get("/screening/").content.decode()
    assert "Femenino" in page and "Masculino" in page and "Prefiero no decirlo" in page
    assert ">Female<" not in page and ">Male<" not in page


def test_a_birth_date_in_the_future_is_refused_in_spanish() -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = spanish_answer(first_name="Lucía", last_name="Ramírez", date_of_birth=tomorrow.isoformat())
    assert "La fecha de nacimiento no puede ser posterior a hoy." in page
    assert "cannot be in the future" not in page


def test_a_short_phone_number_is_refused_in_spanish() -> None:
    page = spanish_answer(first_name="Lucía", last_name="Ramírez", phone="555-0142")
    assert "Escriba un número de teléfono de EE. UU. de 10 dígitos" in page


def test_the_english_form_still_speaks_english() -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").post("/screening/", {"date_of_birth": tomorrow.isoformat()})
    assert "The date of birth cannot be in the future." in page.content.decode()
