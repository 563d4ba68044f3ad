"""Treatment plans: conservative care and procedures, per leg, with their status flow."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from evaluations.models.locking import LockedQuerySet, LockedWhenSigned
from evaluations.models.notes import Evaluation
from evaluations.models.payers import PayerRuleSet
from evaluations.rules.procedures import PROCEDURES, CompressionClass, ItemKind, assign_cpt_codes
from evaluations.rules.segments import TREATABLE, Side
from intake.models import Patient

PROCEDURE_KINDS = sorted(PROCEDURES)


SIGNED_PLAN_MESSAGE = (
    "This treatment plan is signed and can no longer be changed; start a new plan instead. "
    "Its items still move on: prior authorization, booking, done, followed up."
)


class TreatmentPlanQuerySet(LockedQuerySet):
    def for_patient(self, patient: Patient) -> "TreatmentPlanQuerySet":
        return self.filter(patient=patient).order_by("-created_at", "-pk")

    def visible_to(self, user: Any) -> "TreatmentPlanQuerySet":
        """Staff who read plans see every plan; a portal patient only their own signed ones."""
        if user.has_perm("evaluations.view_treatmentplan"):
            return self
        return self.filter(patient__user_id=user.pk, status=TreatmentPlan.Status.SIGNED)


class TreatmentPlan(LockedWhenSigned):
    locked_message = SIGNED_PLAN_MESSAGE

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED = "signed", "Signed"

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="treatment_plans")
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, null=True, blank=True, related_name="treatment_plans"
    )
    payer_rule_set = models.ForeignKey(
        PayerRuleSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="The payer whose medical-necessity criteria the procedures are checked against.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TreatmentPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", signed_by__isnull=True, signed_at__isnull=True)
                | Q(status="signed", signed_by__isnull=False, signed_at__isnull=False),
                name="plan_signature_complete",
            ),
        ]
        indexes = [
            # Chart panel and plan list: a patient's plans, newest first.
            models.Index(fields=["patient", "-created_at"], name="plan_patient_recent"),
        ]
        permissions = [("sign_treatmentplan", "Can sign a treatment plan")]

    def __str__(self) -> str:
        return f"Treatment plan {self.created_at:%Y-%m-%d} · {self.patient}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:plan_detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    def sign(self, by) -> None:
        if self.is_signed:
            raise ValidationError("This plan is already signed.")
        if not self.items.exists():
            raise ValidationError("A plan needs at least one item before it is signed.")
        self.status = self.Status.SIGNED
        self.signed_by = by
        self.signed_at = timezone.now()
        self.save(update_fields=["status", "signed_by", "signed_at"])

    def cpt_codes(self, items: list["PlanItem"]) -> dict[int, str]:
        procedures = [(i.pk, i.kind, i.side) for i in items if i.is_procedure]
        return assign_cpt_codes(procedures)


class ItemSide(models.TextChoices):
    RIGHT = Side.RIGHT.value, "Right"
    LEFT = Side.LEFT.value, "Left"
    BOTH = "B", "Both legs"


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AUTHORIZED = "authorized", "Authorized"
    SCHEDULED = "scheduled", "Scheduled"
    DONE = "done", "Done"
    FOLLOWED_UP = "followed_up", "Followed up"


# Which status may follow which. Conservative care is started (done) without booking;
# a procedure may skip authorization when the payer needs none.
NEXT_STATUS: dict[str, set[str]] = {
    ItemStatus.PROPOSED: {ItemStatus.AUTHORIZED, ItemStatus.SCHEDULED, ItemStatus.DONE},
    ItemStatus.AUTHORIZED: {ItemStatus.SCHEDULED},
    ItemStatus.SCHEDULED: {ItemStatus.DONE},
    ItemStatus.DONE: {ItemStatus.FOLLOWED_UP},
    ItemStatus.FOLLOWED_UP: set(),
}


class PlanItemQuerySet(LockedQuerySet):
    def procedures(self) -> "PlanItemQuerySet":
        return self.filter(kind__in=PROCEDURE_KINDS)

    def visible_to(self, user: Any) -> "PlanItemQuerySet":
        if user.has_perm("evaluations.view_planitem"):
            return self
        return self.filter(plan__in=TreatmentPlan.objects.visible_to(user))


class PlanItem(LockedWhenSigned):
    # After signing only the columns evaluations.triggers.OPEN_COLUMNS names change.
    lock_parent = "plan"
    locked_message = SIGNED_PLAN_MESSAGE

    plan = models.ForeignKey(TreatmentPlan, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=ItemKind.choices)
    side = models.CharField(max_length=1, choices=ItemSide.choices, default=ItemSide.BOTH)
    target_segment = models.CharField(
        max_length=5, blank=True, choices=[(s.value, s.label) for s in TREATABLE], help_text="Procedures only."
    )
    compression_class = models.CharField(max_length=5, choices=CompressionClass.choices, blank=True)
    start_date = models.DateField(null=True, blank=True, help_text="When the patient started (compression trial).")
    trial_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365, "A trial longer than a year is not a trial.")],
    )
    instructions = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=ItemStatus.choices, default=ItemStatus.PROPOSED)
    done_on = models.DateField(null=True, blank=True)
    appointment = models.OneToOneField(
        "scheduling.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="plan_item"
    )
    # The post-ablation duplex (within 72 h; docs/clinical-rules.md, "Treatments") booked when the procedure is done.
    follow_up_appointment = models.OneToOneField(
        "scheduling.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="followed_plan_item"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=PROCEDURE_KINDS) | (Q(side__in=["R", "L"]) & ~Q(target_segment="")),
                name="plan_procedure_has_leg_and_vein",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PROCEDURE_KINDS) | Q(target_segment=""), name="plan_conservative_has_no_vein"
            ),
            models.CheckConstraint(
                condition=~Q(kind="compression") | ~Q(compression_class=""), name="plan_compression_has_class"
            ),
            models.CheckConstraint(
                condition=Q(kind="compression") | Q(compression_class=""), name="plan_class_only_for_compression"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["done", "followed_up"]) | Q(done_on__isnull=False), name="plan_done_is_dated"
            ),
        ]
        indexes = [
            # Payer checks: earlier treatment and compression trials on a patient's legs.
            models.Index(fields=["kind", "status"], name="plan_item_kind_status"),
        ]

    def __str__(self) -> str:
        where = f" {self.target_segment}" if self.target_segment else ""
        return f"{self.get_kind_display()} · {self.get_side_display()}{where}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.is_procedure:
            if self.side not in (ItemSide.RIGHT, ItemSide.LEFT):
                errors["side"] = "A procedure treats one leg: choose right or left."
            if not self.target_segment:
                errors["target_segment"] = "Choose the vein to treat."
        elif self.target_segment:
            errors["target_segment"] = "Only procedures target a vein."
        if self.kind == ItemKind.COMPRESSION and not self.compression_class:
            errors["compression_class"] = "Choose the stocking class (20-30 or 30-40 mmHg)."
        if self.kind != ItemKind.COMPRESSION and self.compression_class:
            errors["compression_class"] = "Only compression stockings have a class."
        if errors:
            raise ValidationError(errors)

    @property
    def is_procedure(self) -> bool:
        return self.kind in PROCEDURES

    @property
    def authorization_number(self) -> str:
        """The payer's authorization number, from the item's prior authorization (if any)."""
        auth = getattr(self, "prior_authorization", None)
        return auth.number if auth is not None else ""

    @property
    def is_open(self) -> bool:
        return self.status not in (ItemStatus.DONE, ItemStatus.FOLLOWED_UP)

    def move_to(self, status: str, *, on=None) -> None:
        if status not in NEXT_STATUS[self.status]:
            raise ValidationError(
                f"{self.get_kind_display()} cannot go from {self.get_status_display().lower()} "
                f"to {ItemStatus(status).label.lower()}."
            )
        if status == ItemStatus.SCHEDULED and not self.is_procedure:
            raise ValidationError("Only procedures are scheduled.")
        if status == ItemStatus.DONE and self.is_procedure and self.status != ItemStatus.SCHEDULED:
            # The safety checks (acute DVT, allergy, pregnancy, payer, authorization) run when a
            # procedure is booked; one marked done without a booking would never meet them.
            raise ValidationError(
                f"{self.get_kind_display()} is {self.get_status_display().lower()}: schedule it first, "
                "so its safety checks run, then mark it done."
            )
        if status == ItemStatus.DONE:
            self.done_on = on or timezone.localdate()
        self.status = status
        self.save(update_fields=["status", "done_on", "updated_at"])
