"""A Wells score for the demo practice: a "DVT likely" right leg at Danville with no duplex yet,
so the physician's home page shows the flag. Idempotent: a patient with a score is left alone."""

from django.contrib.auth import get_user_model
from django.db import transaction

from clinic.models import Office
from evaluations.models import WellsAssessment
from evaluations.services.wells import intake_hints, record_wells
from intake.models import Patient


@transaction.atomic
def load_demo() -> dict[str, int]:
    office = Office.objects.filter(slug="danville").first()
    physician = get_user_model().objects.filter(username="physician").first()
    # The demo patient whose answers tell of a swollen right leg and a past DVT (intake.demo).
    patient = Patient.objects.filter(first_name="Desmond", last_name="Rivermead").first()
    if office is None or physician is None or patient is None:
        return {"Wells scores": WellsAssessment.objects.count()}
    if not WellsAssessment.objects.filter(patient=patient).exists():
        hints = intake_hints(patient)["R"]
        record_wells(
            patient=patient,
            office=office,
            side="R",
            present={**dict.fromkeys(hints, True), "calf_swelling_3cm": True, "pitting_edema": True},
            prefilled=list(hints),
            by=physician,
        )
    return {"Wells scores": WellsAssessment.objects.count()}
