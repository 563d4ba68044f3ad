"""factory_boy factories for every model. Each app's factories live here too."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role
from clinic.validators import npi_check_digit

PASSWORD = "correct-horse-battery-staple"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Office {n}")
    slug = factory.Sequence(lambda n: f"office-{n}")
    address_line1 = factory.Sequence(lambda n: f"{100 + n} Example St")
    city = "Danville"
    state = "CA"
    postal_code = "94526"
    phone = "(925) 555-0100"
    time_zone = "America/Los_Angeles"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    kind = Room.Kind.EXAM


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create: bool, extracted: Role | None, **kwargs) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=Role(extracted).value)[0])
        if create:
            self.save()


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member: ``StaffFactory(role=Role.PHYSICIAN, offices=[office])``."""

    class Meta:
        model = StaffProfile
        skip_postgeneration_save = True

    class Params:
        role = Role.FRONT_DESK

    user = factory.LazyAttribute(lambda p: UserFactory(role=p.role))
    home_office = factory.SubFactory(OfficeFactory)
    credentials = factory.LazyAttribute(lambda p: "MD" if p.role == Role.PHYSICIAN else "")
    npi = factory.LazyAttributeSequence(lambda p, n: npi_check_digit(f"1{n:08d}") if p.role == Role.PHYSICIAN else "")

    @factory.post_generation
    def offices(self, create: bool, extracted, **kwargs) -> None:
        if not create:
            return
        self.offices.set(extracted if extracted is not None else [self.home_office])


def new_york_office(**kwargs) -> Office:
    """An office three hours ahead of the practice's home zone, with daylight saving."""
    return OfficeFactory(
        name="Manhattan", slug="manhattan", city="New York", state="NY", postal_code="10016",
        phone="(212) 555-0150", time_zone="America/New_York", **kwargs,
    )  # fmt: skip


def phoenix_office(**kwargs) -> Office:
    """An office in Arizona, which keeps standard time all year (no daylight saving)."""
    return OfficeFactory(
        name="Phoenix", slug="phoenix", city="Phoenix", state="AZ", postal_code="85016",
        phone="(602) 555-0160", time_zone="America/Phoenix", **kwargs,
    )  # fmt: skip
