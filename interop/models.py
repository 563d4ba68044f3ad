"""FHIR API clients (bearer tokens a clinic admin issues and revokes) and practice-wide bulk exports."""

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from clinic.models import Office

TOKEN_PREFIX = "vf_"


def hash_token(token: str) -> str:
    """SHA-256 of the whole token. A token carries 256 random bits, so no salt or slow hash is needed:
    nothing can be guessed from the digest, and a lookup by digest stays one indexed query."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiClientQuerySet(models.QuerySet):
    def active(self) -> "ApiClientQuerySet":
        return self.filter(revoked_at__isnull=True)

    def by_token(self, token: str) -> "ApiClient | None":
        if not token.startswith(TOKEN_PREFIX):
            return None
        return self.active().select_related("user").filter(token_hash=hash_token(token)).first()


class ApiClient(models.Model):
    """A system that reads the FHIR API with its own bearer token.

    Its ``user`` is an account that cannot sign in (no password, no role): the audit
    trail names it as the actor of every read the client makes.
    """

    name = models.CharField(max_length=100, unique=True, help_text="Who reads with it, e.g. 'Regional HIE'.")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(max_length=12, editable=False, help_text="The token's first characters.")
    resource_types = models.JSONField(default=list, help_text="The FHIR resource types it may read.")
    all_offices = models.BooleanField(default=False, help_text="Reads patients of every office.")
    offices = models.ManyToManyField(Office, blank=True, related_name="+", help_text="Offices whose patients it reads.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("revoke_apiclient", "Can revoke a FHIR API client's token")]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="apiclient_name_not_empty"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="apiclient_revocation_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def new_token() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def set_token(self, token: str) -> None:
        self.token_hash = hash_token(token)
        self.token_hint = token[:10]

    def may_read(self, resource_type: str) -> bool:
        return resource_type in self.resource_types

    def patients(self) -> models.QuerySet:
        """The patients in its scope: their preferred office is one of its offices, or they have
        had an appointment at one (as the front desk of that office sees them)."""
        from intake.models import Patient
        from scheduling.models import Appointment

        patients = Patient.objects.all()
        if self.all_offices:
            return patients
        offices = self.offices.values("pk")
        seen_there = Appointment.objects.filter(patient=OuterRef("pk"), office__in=offices)
        return patients.filter(Q(preferred_office__in=offices) | Exists(seen_there))

    def office_ids(self) -> list[int] | None:
        """None for every office."""
        return None if self.all_offices else list(self.offices.values_list("pk", flat=True))

    def revoke(self, by: Any) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = by
            self.save(update_fields=["revoked_at", "revoked_by"])


class BulkExport(models.Model):
    """One practice-wide export: an NDJSON file per resource type, written by a Celery task."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Failed"

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    since = models.DateField(null=True, blank=True, help_text="First day of records included; empty for all.")
    until = models.DateField(null=True, blank=True, help_text="Last day of records included; empty for all.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # {"Patient": {"name": "12/Patient.ndjson", "count": 10, "bytes": 2048}, ...}
    files = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("export_patient_record", "Can download a patient's record as a FHIR bundle")]
        constraints = [
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="bulkexport_range_forwards",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]), name="bulkexport_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")), name="bulkexport_progress_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"FHIR export {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("interop:export_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    @property
    def range_text(self) -> str:
        if not self.since and not self.until:
            return "All records"
        first = self.since.isoformat() if self.since else "the beginning"
        last = self.until.isoformat() if self.until else "today"
        return f"Records dated {first} to {last}"
