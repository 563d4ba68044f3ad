import datetime

import factory
from django.utils import timezone

from intake.models import Patient
from tests.factories.clinic import OfficeFactory


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker(
        "date_between", start_date=datetime.date(1940, 1, 1), end_date=datetime.date(2004, 1, 1)
    )
    sex_at_birth = Patient.Sex.FEMALE
    phone = factory.Sequence(lambda n: f"+1503555{n % 10000:04d}")
    email = factory.LazyAttribute(lambda p: f"{p.first_name}.{p.last_name}@example.test".lower())
    preferred_office = factory.SubFactory(OfficeFactory)
    email_consent = True
    email_consent_at = factory.LazyFunction(timezone.now)
