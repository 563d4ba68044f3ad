"""Fictional patients and screenings for `make run`. Names are invented; phone
numbers use the 555-01xx block reserved for fiction; emails use .invalid."""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clinic.models import Office
from intake.drug_catalogue import seed_antithrombotics, seed_catalogue
from intake.models import (
    Allergy,
    AllergyAgent,
    AllergySeverity,
    DrugClass,
    DrugName,
    IntakeRecord,
    Patient,
    ScreeningSubmission,
)
from intake.services import record_intake

PATIENTS: list[dict[str, Any]] = [
    {
        "first_name": "Marguerite",
        "last_name": "Oakhollow",
        "date_of_birth": date(1958, 3, 14),
        "phone": "+15035550120",
        "answers": {
            "cramps": "both",
            "heaviness": "both",
            "varicose_veins": "left",
            "skin_discoloration": "left",
            "skin_hardening": "left",
            "ankle_vein_fan": "left",
            "cramps_at_night": True,
            "cramps_per_week": 4,
            "cramp_duration": "minutes",
            "cramp_locations": ["calf"],
            "conditions": ["cholesterol", "thyroid"],
            "medications": "Lipitor 20 mg\nLevothyroxine 50 mcg\nLasix 20mg daily\nEliquis 5 mg twice daily",
            "prolonged_standing": True,
            "hard_floors": True,
            "compression_use": "current",
            "compression_class": "20-30",
            "compression_since": date(2025, 9, 1),
        },
        # Six weeks of compression later: fewer symptoms on the same legs.
        "follow_up": {"cramps": "left", "heaviness": "left", "varicose_veins": "left", "skin_discoloration": "left"},
    },
    {
        "first_name": "Desmond",
        "last_name": "Rivermead",
        "date_of_birth": date(1971, 11, 2),
        "phone": "+15035550121",
        "answers": {
            "swelling": "right",
            "itching": "right",
            "restlessness": "both",
            "cramps": "right",
            "cramps_at_rest": True,
            "conditions": ["type2_diabetes", "previous_dvt"],
            "medications": "metformin 500mg\nhydrochlorothiazide 25 mg",
            "smoking": "current",
            "prolonged_sitting": True,
        },
        "follow_up": None,
    },
]

SCREENINGS: list[dict[str, Any]] = [
    {
        "first_name": "Lorna",
        "last_name": "Fenwick",
        "date_of_birth": date(1966, 7, 30),
        "phone": "+19255550130",
        "hours_ago": 2,
        "answers": {"swelling": "left", "leg_pain": "left", "redness": "left", "swelling_sudden": True},
    },
    {
        "first_name": "Tobias",
        "last_name": "Greyfield",
        "date_of_birth": date(1949, 1, 9),
        "phone": "+19255550131",
        "hours_ago": 30,
        "answers": {"open_ulcer": "right", "skin_discoloration": "right", "skin_eczema": "right", "swelling": "both"},
    },
    {
        "first_name": "Priya",
        "last_name": "Ashcombe",
        "date_of_birth": date(1984, 4, 21),
        "phone": "+15105550132",
        "hours_ago": 50,
        "answers": {
            "cramps": "both",
            "cramps_at_night": True,
            "cramps_per_week": 3,
            "varicose_veins": "right",
            "medications": "Yaz\nAlbuterol inhaler as needed",
        },
    },
]


def _demo_allergy() -> None:
    """The first demo patient is allergic to polidocanol (and takes Eliquis): Varithena is stopped on her plan."""
    patient = Patient.objects.filter(first_name="Marguerite", last_name="Oakhollow").first()
    physician = get_user_model().objects.filter(username="physician").first()
    if patient is None or physician is None:
        return
    Allergy.objects.get_or_create(
        patient=patient,
        agent=AllergyAgent.POLIDOCANOL,
        defaults={
            "reaction": "hives after sclerotherapy (2019)",
            "severity": AllergySeverity.MODERATE,
            "recorded_by": physician,
        },
    )


@transaction.atomic
def load_demo() -> dict[str, int]:
    seed_catalogue(DrugClass, DrugName)
    seed_antithrombotics(DrugClass, DrugName)
    offices = list(Office.objects.order_by("name")[:3])
    now = timezone.now()
    for index, demo in enumerate(PATIENTS):
        patient, created = Patient.objects.get_or_create(
            first_name=demo["first_name"],
            last_name=demo["last_name"],
            date_of_birth=demo["date_of_birth"],
            defaults={
                "phone": demo["phone"],
                "email": f"{demo['first_name'].lower()}@example.invalid",
                "preferred_office": offices[index % len(offices)] if offices else None,
                "insurance_payer": "Example Health Plan",
                "insurance_member_id": f"EHP{index + 1:06d}",
            },
        )
        if not (patient.sms_consent and patient.email_consent):
            # The demo patients said yes to texts and emails when they registered, so their
            # reminders go out (without a dated consent every reminder is skipped at send time).
            patient.set_consents(sms=True, email=True, at=now - timedelta(days=60))
            patient.save(update_fields=["sms_consent", "sms_consent_at", "email_consent", "email_consent_at"])
        if created:
            record_intake(
                patient=patient,
                data=demo["answers"],
                entered_by=None,
                source=IntakeRecord.Source.STAFF,
                recorded_at=now - timedelta(days=60),
            )
            if demo["follow_up"]:
                record_intake(
                    patient=patient,
                    data={**demo["answers"], **demo["follow_up"]},
                    entered_by=None,
                    source=IntakeRecord.Source.PATIENT,
                    recorded_at=now - timedelta(days=14),
                )
    _demo_allergy()
    for index, demo in enumerate(SCREENINGS):
        if ScreeningSubmission.objects.filter(phone=demo["phone"], date_of_birth=demo["date_of_birth"]).exists():
            continue
        submission = ScreeningSubmission(
            first_name=demo["first_name"],
            last_name=demo["last_name"],
            date_of_birth=demo["date_of_birth"],
            phone=demo["phone"],
            email=f"{demo['first_name'].lower()}@example.invalid",
            preferred_office=offices[index % len(offices)] if offices else None,
            consent_to_contact=True,
            submitted_at=now - timedelta(hours=demo["hours_ago"]),
            **demo["answers"],
        )
        submission.apply_triage()
        submission.full_clean()
        submission.save()
    return {
        "patients": Patient.objects.count(),
        "screenings": ScreeningSubmission.objects.count(),
        "drug names": DrugName.objects.count(),
        "allergies": Allergy.objects.count(),
    }
