"""A visitor switches the public screening form to Spanish, fills it in and is answered in Spanish."""

import re

import pytest

from intake.models import ScreeningSubmission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_fills_the_screening_form_in_spanish(page) -> None:
    page.goto("/screening/")
    page.get_by_role("button", name="Español").click()
    page.get_by_role("heading", name="Evaluación de venas en línea").wait_for()
    page.get_by_label("Nombre").fill("Lucía")
    page.get_by_label("Apellido").fill("Ramírez")
    page.get_by_label("Fecha de nacimiento").fill("1970-03-14")
    page.get_by_role("textbox", name=re.compile(r"^Teléfono")).fill("(503) 555-0144")
    page.locator("#div_id_swelling").get_by_label("Pierna izquierda", exact=True).check()
    page.get_by_label("Pueden comunicarse conmigo sobre esta evaluación").check()
    page.get_by_role("button", name="Enviar mi evaluación").click()
    page.get_by_text("Gracias").first.wait_for()
    assert "Qué sigue" in page.content() or "Busque atención médica hoy" in page.content()
    submission = ScreeningSubmission.objects.get(last_name="Ramírez")
    assert submission.swelling == "left"
