import datetime

import factory
from django.utils import timezone

from scheduling.models import Reminder, ReminderStatus
from tests.factories.scheduling import AppointmentFactory


class ReminderFactory(factory.django.DjangoModelFactory):
    """A pending SMS appointment reminder, due a minute ago."""

    class Meta:
        model = Reminder

    appointment = factory.SubFactory(AppointmentFactory)
    patient = factory.LazyAttribute(lambda r: r.appointment.patient)
    office = factory.LazyAttribute(lambda r: r.appointment.office)
    kind = "reminder"
    channel = "sms"
    offset_hours = factory.Sequence(lambda n: 24 + n % 600)
    due_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    status = ReminderStatus.PENDING
