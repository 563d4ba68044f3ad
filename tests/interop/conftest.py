"""A patient with one of everything VeinFlow exports, and API clients to read it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from clinic.roles import Role
from evaluations.models.plans import ItemStatus
from interop import services
from interop.fhir import registry
from scheduling.models.appointments import Status
from tests.factories import PatientFactory
from tests.factories.clinic import StaffFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    SegmentFindingFactory,
    WellsAssessmentFactory,
    signed_evaluation,
    signed_plan,
)
from tests.factories.intake import AllergyFactory, IntakeRecordFactory, ScreeningFactory, SymptomScoreFactory
from tests.factories.scheduling import AppointmentFactory


def full_record(patient=None) -> dict:
    """Everything about one patient: visits, a final study with two findings, a signed note with ICD-10-CM
    codes, a signed plan with a done procedure, intake and screening answers, a Wells score and its
    correction, a symptom score, allergies and a medication list with a blood thinner."""
    patient = patient or PatientFactory(insurance_payer="Aetna", insurance_member_id="W123456789")
    done = AppointmentFactory(patient=patient, office=patient.preferred_office, status=Status.COMPLETED)
    upcoming = AppointmentFactory(
        patient=patient,
        office=patient.preferred_office,
        start=done.start + datetime.timedelta(days=7),
        end=done.end + datetime.timedelta(days=7),
    )
    study = DuplexStudyFactory(patient=patient, office=patient.preferred_office)
    SegmentFindingFactory(study=study, side="R", segment="GSVa", reflux_ms=850, diameter_mm=Decimal("6.2"))
    SegmentFindingFactory(study=study, side="L", segment="SSV", reflux_ms=None, diameter_mm=Decimal("3.1"))
    study.finalize(by=study.sonographer)
    StaffFactory(user=study.sonographer, offices=[patient.preferred_office])
    physician = StaffFactory(role=Role.PHYSICIAN, offices=[patient.preferred_office]).user
    note = signed_evaluation(
        patient,
        physician,
        study=study,
        legs={"R": {"clinical_classes": ["C2", "C4a"], "pain": 2}, "L": {}},
        diagnoses=["I83.811", "I87.2"],
    )
    plan = signed_plan(patient, physician)
    item = plan.items.get()
    item.move_to(ItemStatus.SCHEDULED)
    item.move_to(ItemStatus.DONE)
    earlier = IntakeRecordFactory(
        patient=patient, medications="Coumadin 5 mg", recorded_at=timezone.now() - datetime.timedelta(days=30)
    )
    intake = IntakeRecordFactory(
        patient=patient,
        swelling="left",
        cramps_per_week=3,
        conditions=["diabetes"],
        medications="Eliquis 5 mg twice daily\nLipitor 20 mg\nmetformin 500 mg",
    )
    office = patient.preferred_office
    first_wells = WellsAssessmentFactory(patient=patient, office=office, side="L", entered_by=physician)
    wells = WellsAssessmentFactory(
        patient=patient,
        office=office,
        side="L",
        entered_by=physician,
        corrects=first_wells,
        entire_leg_swollen=True,
        pitting_edema=True,
        previous_dvt=True,
        alternative_diagnosis=True,
    )
    symptoms = SymptomScoreFactory(patient=patient, heaviness=4, achiness=3, swelling=2, throbbing=1, itching=0)
    allergies = [
        AllergyFactory(patient=patient, agent="lidocaine", severity="severe", reaction="Throat swelling"),
        AllergyFactory(patient=patient, agent="other", other_name="Chlorhexidine", severity="unknown"),
    ]
    screening = ScreeningFactory(
        patient=patient, status="converted", handled_by=physician, handled_at=timezone.now(), heaviness="both"
    )
    return {
        "patient": patient,
        "appointments": [done, upcoming],
        "study": study,
        "note": note,
        "plan": plan,
        "item": item,
        "intake": intake,
        "earlier_intake": earlier,
        "wells": wells,
        "corrected_wells": first_wells,
        "symptoms": symptoms,
        "allergies": allergies,
        "screening": screening,
        "physician": physician,
    }


def issue(admin, *, types=None, offices=(), all_offices=False, name="Regional HIE"):
    """An API client and its token."""
    return services.issue_client(
        name=name,
        resource_types=types or registry.resource_types(),
        offices=offices,
        all_offices=all_offices,
        by=admin,
    )


def bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def record(db) -> dict:
    return full_record()


@pytest.fixture
def export_folder(settings, tmp_path):
    """The bulk exports' private storage, in a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "fhir_exports": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path
