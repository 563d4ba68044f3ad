"""Prior authorizations of planned procedures, and physicians' overrides of the safety gates."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from evaluations.models.plans import PlanItem
from evaluations.rules.gates import Gate

# Clinic policy: an approved authorization is flagged two weeks before it runs out, time
# enough to ask the payer for an extension or to book the procedure inside the window.
EXPIRY_WARNING_DAYS = 14


class AuthorizationStatus(models.TextChoices):
    TO_SUBMIT = "to_submit", "To submit"
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"
    APPEALED = "appealed", "Appealed"


# Which status may follow which. An approval can be asked again (an extension or more
# units), which sends it back to pending.
NEXT_AUTHORIZATION_STATUS: dict[str, set[str]] = {
    AuthorizationStatus.TO_SUBMIT: {AuthorizationStatus.PENDING, AuthorizationStatus.APPROVED},
    AuthorizationStatus.PENDING: {AuthorizationStatus.APPROVED, AuthorizationStatus.DENIED},
    AuthorizationStatus.DENIED: {AuthorizationStatus.APPEALED},
    AuthorizationStatus.APPEALED: {AuthorizationStatus.APPROVED, AuthorizationStatus.DENIED},
    AuthorizationStatus.APPROVED: {AuthorizationStatus.PENDING},
}


class PriorAuthorizationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "PriorAuthorizationQuerySet":
        if user.has_perm("evaluations.view_priorauthorization"):
            return self
        return self.none()


class PriorAuthorization(models.Model):
    """The payer's prior authorization of one planned procedure."""

    item = models.OneToOneField(PlanItem, on_delete=models.CASCADE, related_name="prior_authorization")
    required = models.BooleanField(default=True, help_text="Whether this payer asks for one for this procedure.")
    status = models.CharField(max_length=10, choices=AuthorizationStatus.choices, default=AuthorizationStatus.TO_SUBMIT)
    submitted_on = models.DateField(null=True, blank=True)
    payer_reference = models.CharField(
        max_length=40, blank=True, help_text="The payer's case or tracking number for the request."
    )
    number = models.CharField("authorization number", max_length=40, blank=True)
    units = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1, "An authorization covers at least one unit.")]
    )
    valid_until = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PriorAuthorizationQuerySet.as_manager()

    class Meta:
        ordering = ["item"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AuthorizationStatus.values), name="prior_auth_status_known"),
            models.CheckConstraint(
                condition=~Q(status="approved") | ~Q(number=""), name="prior_auth_approved_has_number"
            ),
            models.CheckConstraint(
                condition=Q(status="to_submit") | Q(submitted_on__isnull=False), name="prior_auth_submitted_is_dated"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(submitted_on__isnull=True)
                | Q(valid_until__gt=F("submitted_on")),
                name="prior_auth_valid_after_submitted",
            ),
            models.CheckConstraint(condition=Q(units__isnull=True) | Q(units__gte=1), name="prior_auth_units_positive"),
        ]

    def __str__(self) -> str:
        return f"Prior authorization · {self.item}"

    @property
    def is_approved(self) -> bool:
        return self.status == AuthorizationStatus.APPROVED

    def days_left(self, today: datetime.date) -> int | None:
        if self.valid_until is None:
            return None
        return (self.valid_until - today).days

    def expires_soon(self, today: datetime.date) -> bool:
        left = self.days_left(today)
        return self.is_approved and left is not None and 0 <= left <= EXPIRY_WARNING_DAYS

    def expired(self, today: datetime.date) -> bool:
        left = self.days_left(today)
        return left is not None and left < 0

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == AuthorizationStatus.APPROVED and not self.number.strip():
            errors["number"] = "An approval comes with an authorization number: enter it."
        if self.status != AuthorizationStatus.TO_SUBMIT and self.submitted_on is None:
            errors["submitted_on"] = "Enter the day the request went to the payer."
        if self.valid_until and self.submitted_on and self.valid_until <= self.submitted_on:
            errors["valid_until"] = "An authorization is valid until a day after it was submitted."
        if errors:
            raise ValidationError(errors)


class GateOverrideQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "GateOverrideQuerySet":
        if user.has_perm("evaluations.view_gateoverride"):
            return self
        return self.none()


class GateOverride(models.Model):
    """A physician booked a procedure past closed safety gates, and wrote why. Never changed."""

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="gate_overrides")
    gates = models.JSONField(help_text="The gates that were closed (evaluations.rules.gates.Gate).")
    refusals = models.TextField(help_text="Every reason the booking was refused, as the physician saw it.")
    reason = models.TextField(help_text="Why the physician booked it anyway.")
    procedure_on = models.DateField(help_text="The procedure date the gates were judged for.")
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    overridden_at = models.DateTimeField(default=timezone.now)

    objects = GateOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["item", "overridden_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="gate_override_has_reason"),
            models.CheckConstraint(condition=~Q(refusals=""), name="gate_override_lists_refusals"),
        ]
        permissions = [("override_safety_gate", "Can book a procedure past a closed safety gate, with a reason")]

    def __str__(self) -> str:
        return f"Override · {self.item} · {self.overridden_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValidationError("An override is a record of what happened: it is never changed.")
        if not self.reason.strip():
            raise ValidationError({"reason": "Write why the procedure goes ahead despite the closed gates."})
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("An override is a record of what happened: it is never deleted.")

    @property
    def gate_labels(self) -> list[str]:
        return [Gate(g).label for g in self.gates if g in Gate.values]
