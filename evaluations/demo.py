"""Demo records for the vein side of the practice. Idempotent: what exists is left alone.

- A Wells score: a "DVT likely" right leg at Danville with no duplex yet, so the
  physician's home page shows the flag.
- A treatment plan that shows the safety checks and a pending prior authorization: the
  first demo patient (intake.demo) is allergic to polidocanol and takes Eliquis, so her
  plan's Varithena is stopped by the allergy gate, and her RFA waits on a pending prior
  authorization, listed in the front desk's queue.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clinic.models import Office
from evaluations.models import PlanItem, PriorAuthorization, TreatmentPlan, WellsAssessment
from evaluations.models.safety import AuthorizationStatus
from evaluations.rules.procedures import ItemKind
from evaluations.services.wells import intake_hints, record_wells
from intake.models import Patient

DEMO_NOTE = "Demo plan: safety checks and prior authorization."


def _wells_score(physician) -> None:
    office = Office.objects.filter(slug="danville").first()
    # The demo patient whose answers tell of a swollen right leg and a past DVT (intake.demo).
    patient = Patient.objects.filter(first_name="Desmond", last_name="Rivermead").first()
    if office is None or patient is None or WellsAssessment.objects.filter(patient=patient).exists():
        return
    hints = intake_hints(patient)["R"]
    record_wells(
        patient=patient,
        office=office,
        side="R",
        present={**dict.fromkeys(hints, True), "calf_swelling_3cm": True, "pitting_edema": True},
        prefilled=list(hints),
        by=physician,
    )


def _plan_with_safety_checks(physician) -> None:
    patient = Patient.objects.filter(first_name="Marguerite", last_name="Oakhollow").first()
    if patient is None:
        return
    plan, created = TreatmentPlan.objects.get_or_create(
        patient=patient, notes=DEMO_NOTE, defaults={"created_by": physician}
    )
    if not created:
        return
    PlanItem.objects.create(plan=plan, kind=ItemKind.VARITHENA, side="L", target_segment="GSVb")
    rfa = PlanItem.objects.create(plan=plan, kind=ItemKind.RFA, side="L", target_segment="GSVa")
    plan.sign(physician)
    PriorAuthorization.objects.create(
        item=rfa,
        required=True,
        status=AuthorizationStatus.PENDING,
        submitted_on=timezone.localdate() - timedelta(days=3),
        payer_reference="EHP-DEMO-0001",
        updated_by=physician,
    )


@transaction.atomic
def load_demo() -> dict[str, int]:
    physician = get_user_model().objects.filter(username="physician").first()
    if physician is not None:
        _wells_score(physician)
        _plan_with_safety_checks(physician)
    return {
        "Wells scores": WellsAssessment.objects.count(),
        "demo plans": TreatmentPlan.objects.filter(notes=DEMO_NOTE).count(),
    }
