"""The shared core: offices, rooms, staff, and the append-only audit trail."""

import zoneinfo
from functools import cached_property

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.urls import reverse
from django.utils import timezone

from clinic.validators import validate_npi, validate_phone, validate_time_zone


class Office(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    address_line1 = models.CharField("address", max_length=200)
    address_line2 = models.CharField("address (line 2)", max_length=200, blank=True)
    city = models.CharField(max_length=100)
    state = models.CharField(
        max_length=2, validators=[RegexValidator(r"^[A-Z]{2}$", "Use the two-letter state code, e.g. CA.")]
    )
    postal_code = models.CharField(
        "ZIP code", max_length=10, validators=[RegexValidator(r"^\d{5}(-\d{4})?$", "Use a ZIP such as 94526.")]
    )
    phone = models.CharField(max_length=20, validators=[validate_phone])
    time_zone = models.CharField(
        max_length=64,
        default="America/Los_Angeles",
        validators=[validate_time_zone],
        help_text="IANA zone name; appointment times are shown in it.",
    )
    directions = models.TextField(blank=True, help_text="Plain-text directions for patients (parking, entrance).")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="office_name_not_empty"),
            models.CheckConstraint(condition=Q(state__regex=r"^[A-Z]{2}$"), name="office_state_two_letters"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("office_detail", args=[self.slug])

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def one_line_address(self) -> str:
        parts = [self.address_line1, self.address_line2, f"{self.city}, {self.state} {self.postal_code}"]
        return ", ".join(p for p in parts if p)


class Room(models.Model):
    class Kind(models.TextChoices):
        EXAM = "exam", "Exam room"
        ULTRASOUND = "ultrasound", "Ultrasound room"
        PROCEDURE = "procedure", "Procedure room"

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["office__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="room_name_unique_per_office"),
            models.CheckConstraint(condition=Q(kind__in=["exam", "ultrasound", "procedure"]), name="room_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.office.name} · {self.name}"


class StaffProfile(models.Model):
    """A clinic employee. The role itself is the user's group (see clinic.roles)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_profile")
    home_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="home_staff", null=True, blank=True)
    offices = models.ManyToManyField(
        Office, related_name="staff", blank=True, help_text="Offices this person works at."
    )
    credentials = models.CharField(max_length=40, blank=True, help_text="e.g. MD, RVT, RN.")
    npi = models.CharField(
        "NPI",
        max_length=10,
        blank=True,
        validators=[validate_npi],
        help_text="National Provider Identifier (physicians).",
    )
    phone = models.CharField(max_length=20, blank=True, validators=[validate_phone])

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            # One NPI names one provider; blank is allowed for non-physicians.
            models.UniqueConstraint(fields=["npi"], condition=~Q(npi=""), name="staff_npi_unique"),
            models.CheckConstraint(condition=Q(npi="") | Q(npi__regex=r"^\d{10}$"), name="staff_npi_ten_digits"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name}, {self.credentials}" if self.credentials else name

    def clean(self) -> None:
        from clinic.roles import Role, has_role

        if self.user_id and has_role(self.user, Role.PHYSICIAN) and not self.npi:
            raise ValidationError({"npi": "A physician needs an NPI."})

    def works_at(self, office: Office) -> bool:
        return self.offices.filter(pk=office.pk).exists()


class AuditEntryImmutable(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def newest_first(self) -> "AuditEntryQuerySet":
        return self.order_by("-timestamp", "-pk")

    def older_than(self, timestamp, pk: int) -> "AuditEntryQuerySet":
        """Keyset step: entries after (timestamp, pk) in newest-first order.

        A row comparison, so each audit index below serves it as a range scan and a
        page deep in the trail costs what the first page costs (no OFFSET).
        """
        return self.filter(TupleLessThan(Tuple(F("timestamp"), F("pk")), (timestamp, pk)))

    def newer_than(self, timestamp, pk: int) -> "AuditEntryQuerySet":
        return self.filter(TupleGreaterThan(Tuple(F("timestamp"), F("pk")), (timestamp, pk)))

    # Bulk paths skip save() and delete(), so they are closed here too.
    def update(self, **kwargs):
        raise AuditEntryImmutable("Audit entries cannot be changed.")

    def delete(self):
        raise AuditEntryImmutable("Audit entries cannot be deleted.")

    def _raw_delete(self, using):
        raise AuditEntryImmutable("Audit entries cannot be deleted.")


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):
    pass


class AuditEntry(AbstractLogEntry):
    """One line of the audit trail: who did what to which record, when, from where.

    Append-only by construction: the model refuses updates and deletes, the admin
    grants neither, and on PostgreSQL a trigger refuses them even to raw SQL.
    The actor is PROTECTed: a user with audit history is deactivated, never deleted.
    """

    # Single-column indexes on these would only repeat the leading columns of the
    # composite indexes below, and every audited write pays for each index.
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="record type",
        db_index=False,
    )
    object_pk = models.CharField(max_length=255, verbose_name="object pk")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, blank=True, null=True, related_name="+", db_index=False
    )
    # Indexed only as the leading column of audit_action_recent and audit_recent below.
    action = models.PositiveSmallIntegerField(choices=AbstractLogEntry.Action.choices, verbose_name="action")
    # Nothing reads entries by the integer copy of the record's key (the trail filters on
    # object_pk): no index of its own.
    object_id = models.BigIntegerField(blank=True, null=True, verbose_name="object id")
    # One request's entries (the admin's correlation-id filter) by equality only: audit_cid below,
    # without the pattern-matching twin PostgreSQL gets for an indexed text column.
    cid = models.CharField(max_length=255, blank=True, null=True, verbose_name="Correlation ID")
    timestamp = models.DateTimeField(default=timezone.now, verbose_name="timestamp")

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"
        # The audit page reads newest first and pages by keyset on (timestamp, id); each
        # of its filters has an index whose trailing columns are that key, so any page of
        # any filtered view is one index range scan (bench/audit.py).
        indexes = [
            # The unfiltered trail, and a date range.
            models.Index(fields=["-timestamp", "-id"], name="audit_recent"),
            # By record ("who opened this chart").
            models.Index(fields=["content_type", "object_pk", "-timestamp", "-id"], name="audit_object_recent"),
            # By record type ("every change to appointments").
            models.Index(fields=["content_type", "-timestamp", "-id"], name="audit_type_recent"),
            # By person ("what did this user touch").
            models.Index(fields=["actor", "-timestamp", "-id"], name="audit_actor_recent"),
            # By action ("every delete").
            models.Index(fields=["action", "-timestamp", "-id"], name="audit_action_recent"),
            # One request's entries: the admin's correlation-id filter (cid = ...).
            models.Index(fields=["cid"], name="audit_cid"),
        ]

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditEntryImmutable("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEntryImmutable("Audit entries cannot be deleted.")

    @property
    def action_label(self) -> str:
        return dict(self.Action.choices).get(self.action, "?")


class FormDraft(models.Model):
    """What a staff member has typed into a long form, saved as they type (htmx).

    A note, a duplex finding, a plan item or an intake questionnaire can take
    minutes; if the idle timeout ends the session meanwhile, the text is here and
    the same page fills it back in after the next sign-in. Saving the form for real
    deletes the draft. Only its author ever sees it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_drafts")
    # The page the form is on and which form on it: "/vein/evaluations/12/edit/#note".
    key = models.CharField(max_length=300)
    # The raw form data, field name -> list of strings, exactly as posted.
    data = models.JSONField(default=dict, blank=True)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            # Also the index for the one lookup there is: this user's draft of this form.
            models.UniqueConstraint(fields=["user", "key"], name="formdraft_one_per_user_form"),
        ]

    def __str__(self) -> str:
        return f"Draft of {self.key}"
