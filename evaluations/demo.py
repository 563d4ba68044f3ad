"""A demo treatment plan that shows the safety checks and a pending prior authorization.

The first demo patient (intake.demo) is allergic to polidocanol and takes Eliquis: her
plan's Varithena is stopped by the allergy gate, and her RFA waits on a pending prior
authorization, listed in the front desk's queue.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from evaluations.models import PlanItem, PriorAuthorization, TreatmentPlan
from evaluations.models.safety import AuthorizationStatus
from evaluations.rules.procedures import ItemKind
from intake.models import Patient

DEMO_NOTE = "Demo plan: safety checks and prior authorization."


@transaction.atomic
def load_demo() -> dict[str, int]:
    patient = Patient.objects.filter(first_name="Marguerite", last_name="Oakhollow").first()
    physician = get_user_model().objects.filter(username="physician").first()
    if patient is None or physician is None:
        return {"demo plans": 0}
    plan, created = TreatmentPlan.objects.get_or_create(
        patient=patient, notes=DEMO_NOTE, defaults={"created_by": physician}
    )
    if created:
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
    return {"demo plans": TreatmentPlan.objects.filter(notes=DEMO_NOTE).count()}
