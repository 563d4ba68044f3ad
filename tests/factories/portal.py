"""What the portal's pages stand on: booking policies, requests, invitations, portal patients."""

import datetime

import factory
from django.utils import timezone

from clinic.models import Room
from clinic.roles import Role
from intake.accounts import invite_patient, token_for
from intake.models import PortalInvitation
from scheduling.models import BookingRequest, OfficeBookingPolicy, SelfBookingMode
from tests.factories.clinic import OfficeFactory, UserFactory
from tests.factories.intake import PatientFactory
from tests.factories.scheduling import appointment_type, clinic_day


class BookingPolicyFactory(factory.django.DjangoModelFactory):
    """An office open to patients for new consults and follow-ups."""

    class Meta:
        model = OfficeBookingPolicy
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    mode = SelfBookingMode.INSTANT
    notice_hours = 24
    horizon_days = 21

    @factory.post_generation
    def types(self, create: bool, extracted: list | None, **kwargs) -> None:
        codes = extracted if extracted is not None else ["new_consult", "follow_up"]
        self.appointment_types.set([appointment_type(code) for code in codes])


def portal_patient(office=None, **kwargs):
    """A patient with a portal login: (user, patient)."""
    user = UserFactory(role=Role.PATIENT)
    patient = PatientFactory(user=user, preferred_office=office or OfficeFactory(), **kwargs)
    return user, patient


def consult_office(mode: str = SelfBookingMode.INSTANT):
    """An office with a physician open every day, one exam room and an online booking policy."""
    office, physician, room = clinic_day(kind=Room.Kind.EXAM, role=Role.PHYSICIAN)
    BookingPolicyFactory(office=office, mode=mode)
    return office, physician, room


def invitation_link(patient=None, *, by=None) -> tuple[PortalInvitation, str]:
    patient = patient or PatientFactory()
    invitation = invite_patient(patient=patient, by=by or UserFactory(role=Role.FRONT_DESK))
    return invitation, f"/portal/welcome/{token_for(invitation)}/"


class BookingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingRequest

    patient = factory.SubFactory(PatientFactory)
    appointment_type = factory.LazyFunction(lambda: appointment_type("new_consult"))
    office = factory.SubFactory(OfficeFactory)
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    )
    created_by = factory.LazyFunction(lambda: UserFactory(role=Role.PATIENT))
