"""Patients' own accounts: portal invitations, questionnaire drafts, identity change requests."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models.patients import Patient

# An invitation link is good for a week: long enough for a patient who checks
# email rarely, short enough that a forwarded or stale email soon stops working.
INVITATION_DAYS = 7


def new_invitation_key() -> str:
    return secrets.token_urlsafe(24)


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(status=PortalInvitation.Status.PENDING)

    def for_patient(self, patient: Patient) -> "InvitationQuerySet":
        return self.filter(patient=patient).select_related("created_by").order_by("-created_at", "-pk")


class PortalInvitation(models.Model):
    """An emailed, single-use, expiring link with which a patient sets up a portal login.

    The link carries ``key`` signed with the site's secret (see intake.invitations);
    the row decides whether it is still good: pending, not expired, not superseded.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the patient")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="portal_invitations")
    email = models.EmailField(help_text="Where the link was sent.")
    key = models.CharField(max_length=64, unique=True, default=new_invitation_key, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_count = models.PositiveSmallIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "revoked"]), name="invitation_status_known"
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="invitation_expires_later"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False), name="invitation_acceptance_dated"
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | Q(revoked_at__isnull=False), name="invitation_revocation_dated"
            ),
            # One live link per patient: a resend replaces it, so an older email stops working.
            models.UniqueConstraint(
                fields=["patient"], condition=Q(status="pending"), name="invitation_one_pending_per_patient"
            ),
        ]
        indexes = [
            # The chart's portal panel: a patient's invitations, newest first.
            models.Index(fields=["patient", "-created_at"], name="invitation_patient_recent"),
        ]

    def __str__(self) -> str:
        return f"Portal invitation for {self.patient} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.expires_at is None:
            self.expires_at = (self.created_at or timezone.now()) + datetime.timedelta(days=INVITATION_DAYS)
        super().save(*args, **kwargs)

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class IntakeDraft(models.Model):
    """A questionnaire the patient has started in the portal: kept as typed until sent.

    Intake records are never rewritten, so work in progress lives here; sending the
    questionnaire turns it into an IntakeRecord and deletes the draft.
    """

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="intake_draft")
    # The raw form data, field name -> list of strings, exactly as posted.
    answers = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Intake draft for {self.patient}"


class IdentityChangeQuerySet(models.QuerySet):
    def pending(self) -> "IdentityChangeQuerySet":
        return self.filter(status=IdentityChangeRequest.Status.PENDING)

    def queue(self) -> "IdentityChangeQuerySet":
        return self.pending().select_related("patient", "requested_by").order_by("requested_at", "pk")


class IdentityChangeRequest(models.Model):
    """A patient's request to correct their name or date of birth.

    Identity fields tie a chart to insurance and to the person at the desk, so the
    front desk checks an ID before the chart changes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="identity_changes")
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    date_of_birth = models.DateField(_("date of birth"))
    # What the chart said when the patient asked, so the reviewer sees the difference.
    previous = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True)

    objects = IdentityChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected"]), name="identity_change_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False, decided_by__isnull=False),
                name="identity_change_decision_signed",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_note=""), name="identity_change_rejection_explained"
            ),
            # A second request before review replaces the first instead of queueing twice.
            models.UniqueConstraint(
                fields=["patient"], condition=Q(status="pending"), name="identity_change_one_pending_per_patient"
            ),
        ]
        indexes = [
            # The front desk's review queue: pending requests, oldest first.
            models.Index(fields=["requested_at"], condition=Q(status="pending"), name="identity_change_queue"),
        ]

    def __str__(self) -> str:
        return f"Identity change for {self.patient} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def changes(self) -> list[tuple[str, str, str]]:
        """(field label, on the chart, asked for) for each field that differs."""
        rows = []
        for name, label in (
            ("first_name", _("First name")),
            ("last_name", _("Last name")),
            ("date_of_birth", _("Date of birth")),
        ):
            asked = getattr(self, name)
            asked = asked.isoformat() if isinstance(asked, datetime.date) else asked
            before = self.previous.get(name, "")
            if str(asked) != str(before):
                rows.append((str(label), str(before), str(asked)))
        return rows
