import datetime

import factory
from django.utils import timezone

from intake.models import (
    Allergy,
    AllergyAgent,
    AllergySeverity,
    IntakeRecord,
    Patient,
    ScreeningSubmission,
    SymptomScore,
)
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


class ScreeningFactory(factory.django.DjangoModelFactory):
    """A submitted screening; pass answers as keywords (``swelling="left"``). Triage is applied."""

    class Meta:
        model = ScreeningSubmission

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = datetime.date(1962, 5, 17)
    sex_at_birth = Patient.Sex.FEMALE
    phone = factory.Sequence(lambda n: f"+1971555{n % 10000:04d}")
    email = factory.LazyAttribute(lambda s: f"{s.first_name}.{s.last_name}@example.test".lower())
    preferred_office = factory.SubFactory(OfficeFactory)
    consent_to_contact = True

    @classmethod
    def _create(cls, model_class: type, *args, **kwargs) -> ScreeningSubmission:
        submission = model_class(*args, **kwargs)
        submission.apply_triage()
        submission.save()
        return submission


class IntakeRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeRecord

    patient = factory.SubFactory(PatientFactory)
    source = IntakeRecord.Source.STAFF
    recorded_at = factory.LazyFunction(timezone.now)


class AllergyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allergy

    patient = factory.SubFactory(PatientFactory)
    agent = AllergyAgent.LATEX
    severity = AllergySeverity.MODERATE
    recorded_by = factory.SubFactory("tests.factories.clinic.UserFactory")


class SymptomScoreFactory(factory.django.DjangoModelFactory):
    """A HASTI questionnaire the patient filled in; pass the five items (0-5) and the occasion."""

    class Meta:
        model = SymptomScore

    patient = factory.SubFactory(PatientFactory)
    occasion = "baseline"
    heaviness = 0
    achiness = 0
    swelling = 0
    throbbing = 0
    itching = 0
    source = SymptomScore.Source.PATIENT
    entered_by = factory.SubFactory("tests.factories.clinic.UserFactory")
    recorded_at = factory.LazyFunction(timezone.now)
