import datetime
import importlib

import factory
from django.utils import timezone

from clinic.models import Room
from clinic.roles import Role
from scheduling.models import Appointment, AppointmentType, Availability, Status, WaitlistEntry
from tests.factories.clinic import OfficeFactory, RoomFactory, StaffFactory, UserFactory
from tests.factories.intake import PatientFactory


def appointment_type(code: str = "duplex") -> AppointmentType:
    """The seeded types (migration 0002) are the ones the clinic uses.

    A committed-data test's flush empties the table; the seed is re-run then.
    """
    if not AppointmentType.objects.filter(code=code).exists():
        from django.apps import apps

        importlib.import_module("scheduling.migrations.0002_seed_appointment_types").seed(apps, None)
    return AppointmentType.objects.get(code=code)


def sonographer_at(office, **kwargs):
    return StaffFactory(role=Role.SONOGRAPHER, home_office=office, offices=[office], **kwargs)


class AvailabilityFactory(factory.django.DjangoModelFactory):
    """Every weekday 08:00-17:00 from a week ago, unless told otherwise."""

    class Meta:
        model = Availability

    provider = factory.LazyAttribute(lambda a: sonographer_at(a.office))
    office = factory.SubFactory(OfficeFactory)
    weekday = 0
    start_time = datetime.time(8)
    end_time = datetime.time(17)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))


def open_every_day(provider, office, start=datetime.time(8), end=datetime.time(17), valid_from=None) -> None:
    for weekday in range(7):
        AvailabilityFactory(
            provider=provider,
            office=office,
            weekday=weekday,
            start_time=start,
            end_time=end,
            valid_from=valid_from or timezone.localdate() - datetime.timedelta(days=7),
        )


def clinic_day(office=None, *, kind: str = Room.Kind.ULTRASOUND, role: Role = Role.SONOGRAPHER):
    """An office with one provider open every day and one room of ``kind``: (office, provider, room)."""
    office = office or OfficeFactory()
    provider = StaffFactory(role=role, home_office=office, offices=[office])
    room = RoomFactory(office=office, kind=kind)
    open_every_day(provider, office)
    return office, provider, room


class AppointmentFactory(factory.django.DjangoModelFactory):
    """A booked duplex, written straight to the table (tests of booking use the service)."""

    class Meta:
        model = Appointment

    appointment_type = factory.LazyFunction(appointment_type)
    office = factory.SubFactory(OfficeFactory)
    patient = factory.SubFactory(PatientFactory)
    provider = factory.LazyAttribute(lambda a: sonographer_at(a.office))
    room = factory.LazyAttribute(lambda a: RoomFactory(office=a.office, kind=Room.Kind.ULTRASOUND))
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0, minute=0)
    )
    end = factory.LazyAttribute(lambda a: a.start + datetime.timedelta(minutes=a.appointment_type.duration_minutes))
    status = Status.BOOKED
    booked_by = factory.LazyFunction(lambda: UserFactory(role=Role.FRONT_DESK))


class WaitlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WaitlistEntry

    patient = factory.SubFactory(PatientFactory)
    appointment_type = factory.LazyFunction(appointment_type)
    office = None
    earliest = factory.LazyFunction(timezone.localdate)
    latest = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    created_by = factory.LazyFunction(lambda: UserFactory(role=Role.FRONT_DESK))
