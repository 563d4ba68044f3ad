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
from tests.factories.evaluations import DuplexStudyFactory, SegmentFindingFactory, signed_evaluation, signed_plan
from tests.factories.intake import IntakeRecordFactory, ScreeningFactory
from tests.factories.scheduling import AppointmentFactory


def full_record(patient=None) -> dict:
    """Everything about one patient: visits, a final study with two findings, a signed note, a signed
    plan with a done procedure, intake and screening answers."""
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
        patient, physician, study=study, legs={"R": {"clinical_classes": ["C2", "C4a"], "pain": 2}, "L": {}}
    )
    plan = signed_plan(patient, physician)
    item = plan.items.get()
    item.move_to(ItemStatus.SCHEDULED)
    item.move_to(ItemStatus.DONE)
    intake = IntakeRecordFactory(patient=patient, swelling="left", cramps_per_week=3, conditions=["diabetes"])
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
