"""What a message says: the admin-edited template in the patient's language, and an .ics.

Minimum necessary (HIPAA, 45 CFR 164.502(b)): office, date, time and phone; links for
appointment messages. The appointment type's name never reaches a template.
"""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, time_format
from icalendar import Calendar, Event

from intake.models import Language
from scheduling.models import MessageKind, Reminder, ReminderChannel, ReminderTemplate, Status
from scheduling.reminders.defaults import ALL_TEXTS
from scheduling.reminders.links import LinkMaker, Purpose

DATE_FORMATS = {"en": "l, F j", "es": r"l j \d\e F"}
TIME_FORMATS = {"en": "g:i A", "es": "H:i"}
CALENDAR_KINDS = {MessageKind.REMINDER, MessageKind.PREPARATION}


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    ics: bytes | None = None


def _when(reminder: Reminder) -> datetime.datetime:
    if reminder.appointment_id:
        return reminder.appointment.start
    return reminder.subject_time


@functools.lru_cache(maxsize=256)
def _compile(source: str) -> Template:
    """Keyed by the text itself, so an admin's edit is live at the next batch in every worker."""
    return Template(source)


class Renderer:
    """Renders a batch of reminders with one query for the templates and no query per message."""

    def __init__(self) -> None:
        rows = ReminderTemplate.objects.values_list("kind", "channel", "language", "subject", "body")
        self._sources = {(kind, channel, language): (subject, body) for kind, channel, language, subject, body in rows}
        self._compiled: dict[tuple[str, str, str], tuple[Template, Template]] = {}
        self.links = LinkMaker()
        # The portal's questionnaire; the patient signs in, so the link carries no token.
        self.survey_url = f"{settings.SITE_URL}{reverse('portal:symptoms')}"

    def _templates(self, kind: str, channel: str, language: str) -> tuple[Template, Template]:
        key = (kind, channel, language)
        if key not in self._compiled:
            # A language without its own row falls back to English, then to the shipped words.
            subject, body = (
                self._sources.get(key)
                or self._sources.get((kind, channel, Language.ENGLISH))
                or ALL_TEXTS[(kind, channel, Language.ENGLISH)]
            )
            self._compiled[key] = (_compile(subject), _compile(body))
        return self._compiled[key]

    def context(self, reminder: Reminder, language: str) -> dict[str, str]:
        office = reminder.appointment.office if reminder.appointment_id else reminder.office
        local = _when(reminder).astimezone(office.zone)
        with translation.override(language):
            context = {
                "office": office.name,
                "phone": office.phone,
                "date": date_format(local, DATE_FORMATS.get(language, DATE_FORMATS["en"])),
                "time": time_format(local, TIME_FORMATS.get(language, TIME_FORMATS["en"])),
                "confirm_url": "",
            }
        appointment = reminder.appointment
        if appointment is not None and reminder.kind != MessageKind.AFTERCARE_CHECK:
            if appointment.status == Status.BOOKED:
                context["confirm_url"] = self.links.url(appointment, Purpose.CONFIRM)
            if reminder.channel == ReminderChannel.EMAIL:
                context["cancel_url"] = self.links.url(appointment, Purpose.CANCEL)
                context["reschedule_url"] = self.links.url(appointment, Purpose.RESCHEDULE)
        if reminder.kind == MessageKind.SYMPTOM_SURVEY:
            context["survey_url"] = f"{self.survey_url}?occasion={reminder.occasion}"
        if reminder.channel == ReminderChannel.EMAIL:
            context["address"] = office.one_line_address
            if reminder.kind == MessageKind.PREPARATION:
                context["preparation"] = appointment.appointment_type.preparation_instructions
        return context

    def render(self, reminder: Reminder) -> Message:
        language = reminder.patient.preferred_language
        subject_template, body_template = self._templates(reminder.kind, reminder.channel, language)
        context = Context(self.context(reminder, language), autoescape=False)
        subject = " ".join(subject_template.render(context).split())
        body = body_template.render(context).strip()
        ics = None
        if reminder.channel == ReminderChannel.EMAIL and reminder.kind in CALENDAR_KINDS:
            ics = appointment_ics(reminder)
        return Message(subject=subject, body=body, ics=ics)


def appointment_ics(reminder: Reminder) -> bytes:
    """A calendar entry: where and when, the office's phone; never the procedure."""
    appointment = reminder.appointment
    office = appointment.office
    calendar = Calendar()
    calendar.add("prodid", "-//VeinFlow//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    # One UID per appointment: a rescheduled reminder updates the same calendar entry.
    event.add("uid", f"appointment-{appointment.pk}@veinflow")
    event.add("sequence", int(appointment.updated_at.timestamp()) if appointment.updated_at else 0)
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", appointment.start.astimezone(datetime.UTC))
    event.add("dtend", appointment.end.astimezone(datetime.UTC))
    event.add("summary", f"Appointment at {office.name}")
    event.add("location", office.one_line_address)
    event.add("description", f"{office.name} · {office.phone}")
    calendar.add_component(event)
    return calendar.to_ical()
