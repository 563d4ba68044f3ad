"""On a phone: a patient accepts the emailed invitation, fills the questionnaire, books a
consult, confirms it through the emailed reminder's link and reads the plan."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from evaluations.rules.procedures import CompressionClass, ItemKind
from intake.models import IntakeRecord
from scheduling.models import Appointment, Reminder, Status
from scheduling.tasks import dispatch_due_reminders
from tests.conftest import make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory
from tests.factories.portal import consult_office
from tests.helpers import verify_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_patient_accepts_invitation_fills_intake_books_confirms_and_reads_the_plan(page, live_server) -> None:
    from clinic.roles import Role

    office, physician, _room = consult_office()
    patient = PatientFactory(first_name="Rosa", last_name="Delgado", email="rosa@example.test", preferred_office=office)
    plan = TreatmentPlanFactory(patient=patient, created_by=physician.user)
    PlanItemFactory(
        plan=plan, kind=ItemKind.COMPRESSION, side="B", target_segment="", compression_class=CompressionClass.MMHG_20_30
    )
    plan.sign(physician.user)

    desk = make_staff(Role.FRONT_DESK, office)
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.force_login(desk)
    verify_second_factor(client, desk)
    client.post(f"/portal/desk/patients/{patient.pk}/invite/")
    link = re.search(r"https?://\S+/portal/welcome/\S+/", mail.outbox[0].body).group(0)
    path = "/portal/" + link.split("/portal/", 1)[1]

    page.goto(path)
    page.get_by_label("Your date of birth").fill(patient.date_of_birth.isoformat())
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Username").fill("rosa.delgado")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Create my login").click()
    assert "too short" in page.locator("#div_id_password1").inner_text()
    assert page.get_by_label("Username").input_value() == "rosa.delgado"
    page.get_by_label("Choose a password").fill("copper-lantern-meadow-7")
    page.get_by_label("Type the password again").fill("copper-lantern-meadow-7")
    page.get_by_role("button", name="Create my login").click()
    page.get_by_role("heading", name="Hello, Rosa").wait_for()

    page.get_by_role("link", name="Open the questionnaire").click()
    page.locator("#div_id_swelling").get_by_label("Right leg", exact=True).check()
    page.get_by_label("Medications", exact=True).fill("Lipitor 20 mg")
    page.get_by_test_id("autosave-status").get_by_text("Saved at").wait_for()
    page.get_by_role("button", name="Save answers").click()
    page.get_by_text("your answers are with the clinic").wait_for()
    record = IntakeRecord.objects.get(patient=patient)
    assert (record.source, record.swelling, record.medications) == ("patient", "right", "Lipitor 20 mg")

    page.goto("/portal/book/")
    page.get_by_label("Visit").select_option(label="New consult")
    page.get_by_role("button", name="Show free times").click()
    page.get_by_test_id("slot").first.click()
    page.get_by_label("Anything we should know? (optional)").fill("I use a cane")
    page.get_by_role("button", name="Book this time").click()
    page.get_by_test_id("preparation").wait_for()
    assert "Bring a list of your medicines" in page.get_by_test_id("preparation").inner_text()

    # The reminder email falls due (the beat's job in production) and carries a signed link.
    appointment = Appointment.objects.get(patient=patient)
    email = appointment.reminders.live().get(channel="email")
    Reminder.objects.filter(pk=email.pk).update(due_at=timezone.now())
    mail.outbox.clear()
    dispatch_due_reminders()
    (reminder_email,) = mail.outbox
    assert reminder_email.to == ["rosa@example.test"]
    link = next(word for word in reminder_email.body.split() if "/r/confirm/" in word)
    page.goto(urlsplit(link).path)
    page.get_by_role("button", name="Confirm my appointment").click()
    page.get_by_text("Your appointment is confirmed").wait_for()

    page.goto(f"/portal/appointments/{appointment.pk}/")
    assert page.get_by_test_id("status").inner_text() == "Confirmed"
    appointment.refresh_from_db()
    assert appointment.status == Status.CONFIRMED and appointment.appointment_type.code == "new_consult"

    page.goto("/portal/plan/")
    plan_text = page.get_by_test_id("plan").inner_text()
    assert "Compression stockings" in plan_text
    assert "Put them on in the morning" in plan_text
