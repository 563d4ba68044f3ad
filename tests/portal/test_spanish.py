"""Patient-facing pages speak Spanish from the browser, the switch or the patient's preference."""

import pytest
from django.test import Client

from tests.factories import PASSWORD
from tests.factories.portal import portal_patient

pytestmark = pytest.mark.django_db


def test_the_screening_form_answers_a_spanish_browser_in_spanish() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get("/screening/").content.decode()
    assert "Evaluación de venas en línea" in page
    assert 'lang="es"' in page


def test_the_language_switch_is_on_the_screening_form_and_works() -> None:
    client = Client()
    page = client.get("/screening/").content.decode()
    assert 'name="language" value="es"' in page
    client.post("/i18n/setlang/", {"language": "es", "next": "/screening/"})
    assert "Enviar mi evaluación" in client.get("/screening/").content.decode()


def test_a_patient_who_prefers_spanish_gets_the_portal_in_spanish_after_login(office) -> None:
    user, _patient = portal_patient(office=office, preferred_language="es")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True)
    assert "Próximas citas" in response.content.decode()
    assert "Mis citas" in client.get("/portal/").content.decode()


def test_every_seeded_preparation_text_has_a_spanish_translation() -> None:
    from django.utils import translation

    from portal.labels import SEEDED_TEXT
    from scheduling.models import AppointmentType

    with translation.override("es"):
        for appointment_type in AppointmentType.objects.all():
            for text in (appointment_type.name, appointment_type.preparation_instructions):
                if text:
                    assert text in SEEDED_TEXT, text
                    assert translation.gettext(text) != text, text


def test_a_failed_login_is_explained_in_spanish() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").post("/accounts/login/", {"username": "x", "password": "y"})
    assert "no corresponden a ninguna cuenta" in page.content.decode()
