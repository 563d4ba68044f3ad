import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from clinic.roles import Role
from evaluations.models import (
    AuthorizationStatus,
    Diagnosis,
    DuplexStudy,
    Evaluation,
    Icd10Code,
    LegAssessment,
    PayerRuleSet,
    PlanItem,
    PriorAuthorization,
    SegmentFinding,
    TreatmentPlan,
    WellsAssessment,
)
from evaluations.rules.procedures import CompressionClass, ItemKind
from tests.factories.clinic import OfficeFactory, UserFactory
from tests.factories.intake import PatientFactory


class DuplexStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuplexStudy

    patient = factory.SubFactory(PatientFactory)
    office = factory.SubFactory(OfficeFactory)
    sonographer = factory.SubFactory(UserFactory, role=Role.SONOGRAPHER)
    performed_at = factory.LazyFunction(timezone.now)


class SegmentFindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SegmentFinding

    study = factory.SubFactory(DuplexStudyFactory)
    side = "R"
    segment = "GSVa"
    reflux_ms = 200
    diameter_mm = Decimal("4.0")
    compressibility = SegmentFinding.Compressibility.FULL


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    patient = factory.SubFactory(PatientFactory)
    office = factory.SubFactory(OfficeFactory)
    physician = factory.SubFactory(UserFactory, role=Role.PHYSICIAN)
    visit_date = factory.LazyFunction(timezone.localdate)


class LegAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegAssessment

    evaluation = factory.SubFactory(EvaluationFactory)
    side = "R"
    clinical_classes = factory.LazyFunction(lambda: ["C2"])


def signed_evaluation(patient, physician=None, *, study=None, legs=None, visit_date=None, diagnoses=()) -> Evaluation:
    """A signed note with the given legs: ``legs={"R": {"clinical_classes": ["C2"], "pain": 2}}``,
    and ICD-10-CM ``diagnoses`` by code (``["I83.811", "I87.2"]``)."""
    physician = physician or UserFactory(role=Role.PHYSICIAN)
    evaluation = EvaluationFactory(
        patient=patient,
        physician=physician,
        duplex_study=study,
        visit_date=visit_date or timezone.localdate(),
    )
    for side, values in (legs or {"R": {}, "L": {}}).items():
        LegAssessmentFactory(evaluation=evaluation, side=side, **values)
    for code in diagnoses:
        Diagnosis.objects.create(evaluation=evaluation, code=Icd10Code.objects.get(code=code))
    evaluation.sign(physician, attested=True)
    return evaluation


class TreatmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatmentPlan

    patient = factory.SubFactory(PatientFactory)
    created_by = factory.SubFactory(UserFactory, role=Role.PHYSICIAN)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(TreatmentPlanFactory)
    kind = ItemKind.RFA
    side = "R"
    target_segment = "GSVa"


def compression_trial(plan, *, started: datetime.date, side: str = "B") -> PlanItem:
    return PlanItemFactory(
        plan=plan,
        kind=ItemKind.COMPRESSION,
        side=side,
        target_segment="",
        compression_class=CompressionClass.MMHG_20_30,
        start_date=started,
        trial_days=90,
    )


def rule_set(name: str) -> PayerRuleSet:
    """One of the seeded rule sets (data migration 0002)."""
    return PayerRuleSet.objects.get(name=name)


def signed_plan(patient=None, physician=None, **item_values) -> TreatmentPlan:
    """A signed plan holding one procedure (an RFA of the right GSV unless ``item_values`` say otherwise)."""
    physician = physician or UserFactory(role=Role.PHYSICIAN)
    plan = TreatmentPlanFactory(patient=patient or PatientFactory(), created_by=physician)
    PlanItemFactory(plan=plan, **item_values)
    plan.sign(physician)
    return plan


def final_study(patient=None, **finding_values) -> DuplexStudy:
    """A final study with one finding (right GSV, 200 ms reflux unless ``finding_values`` say otherwise)."""
    study = DuplexStudyFactory(patient=patient or PatientFactory())
    SegmentFindingFactory(study=study, **finding_values)
    study.finalize(by=study.sonographer)
    return study


class WellsAssessmentFactory(factory.django.DjangoModelFactory):
    """A Wells score for today's visit; pass the items present, e.g. ``entire_leg_swollen=True``."""

    class Meta:
        model = WellsAssessment

    patient = factory.SubFactory(PatientFactory)
    office = factory.SubFactory(OfficeFactory)
    visit_date = factory.LazyAttribute(lambda w: timezone.localtime(timezone.now(), w.office.zone).date())
    side = "R"
    entered_by = factory.SubFactory(UserFactory, role=Role.PHYSICIAN)
    entered_at = factory.LazyFunction(timezone.now)
    score = 0  # save() sets it from the items


class PriorAuthorizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorAuthorization

    item = factory.SubFactory(PlanItemFactory)
    status = AuthorizationStatus.PENDING
    submitted_on = factory.LazyFunction(timezone.localdate)


def booked(item: PlanItem, **appointment) -> PlanItem:
    """A procedure as if booked, without the booking service or its safety checks: for tests
    of what follows a booking (completing it, its follow-ups)."""
    from evaluations.models.plans import ItemStatus
    from tests.factories.scheduling import AppointmentFactory

    item.appointment = AppointmentFactory(patient=item.plan.patient, **appointment)
    item.save(update_fields=["appointment", "updated_at"])
    item.move_to(ItemStatus.SCHEDULED)
    return item
