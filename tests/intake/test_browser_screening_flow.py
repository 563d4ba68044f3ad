"""A visitor with one swollen, red, painful leg is told to get same-day care; the front
desk finds the screening at the top of the queue and registers it without retyping."""

import datetime
import re

import pytest
from django.utils import timezone

from clinic.roles import Role
from intake.models import IntakeRecord, Patient
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD, ScreeningFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick(page, field: str, label: str) -> None:
    page.locator(f"#div_id_{field}").get_by_label(label, exact=True).check()


def test_urgent_screening_reaches_the_top_of_the_queue_and_becomes_a_patient(page) -> None:
    ScreeningFactory(last_name="Routine", submitted_at=timezone.now() - datetime.timedelta(days=2))

    page.goto("/screening/")
    page.get_by_label("First name").fill("Lorna")
    page.get_by_label("Last name").fill("Fenwick")
    page.get_by_label("Date of birth").fill("1966-07-30")
    page.get_by_role("textbox", name=re.compile(r"^Phone")).fill("(925) 555-0130")
    page.get_by_label("Email", exact=True).fill("lorna@example.test")
    pick(page, "swelling", "Left leg")
    pick(page, "redness", "Left leg")
    pick(page, "leg_pain", "Left leg")
    page.get_by_label("The swelling started suddenly, in the last few days").check()
    page.get_by_label("Medications", exact=True).fill("Lasix 20 mg")
    page.get_by_label("You may contact me about this screening").check()
    page.get_by_role("button", name="Send my screening").click()

    advice = page.get_by_test_id("urgent-advice")
    advice.wait_for()
    assert "Please get care today" in advice.inner_text()
    assert "Possible blood clot" in advice.inner_text()

    desk = make_staff(Role.FRONT_DESK)
    browser_login(page, desk.username, PASSWORD)
    page.goto("/screenings/")
    first_row = page.get_by_test_id("screening-queue").get_by_role("link").first
    assert "Fenwick, Lorna" in first_row.inner_text()
    assert "Urgent" in first_row.inner_text()
    first_row.click()

    assert "Possible blood clot" in page.get_by_test_id("triage-findings").inner_text()
    page.get_by_role("link", name="Register as patient").click()
    page.get_by_role("button", name="Register and open chart").click()

    assert "Fenwick, Lorna" in page.get_by_test_id("chart-name").inner_text()
    summary = page.get_by_test_id("cramp-summary").inner_text()
    assert "Lasix is furosemide, a diuretic" in summary
    assert "Possible blood clot" in summary

    patient = Patient.objects.get(last_name="Fenwick")
    record = IntakeRecord.objects.get(patient=patient)
    assert (record.swelling, record.redness, record.leg_pain, record.medications) == (
        "left",
        "left",
        "left",
        "Lasix 20 mg",
    )
