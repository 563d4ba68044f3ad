"""The public online vein screening: what a prospective patient sent us."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.models import Office
from clinic.validators import validate_birth_date, validate_phone
from intake.models.answers import AnswerSet
from intake.models.patients import Language, Patient
from intake.triage import TriageLevel, triage


class ScreeningQuerySet(models.QuerySet):
    def open(self) -> "ScreeningQuerySet":
        return self.filter(status__in=ScreeningSubmission.OPEN_STATUSES)

    def queue(self) -> "ScreeningQuerySet":
        """The front desk's work list: open submissions, most urgent first, then oldest."""
        return self.open().select_related("preferred_office").order_by("triage_level", "submitted_at", "pk")

    def urgent_waiting(self) -> "ScreeningQuerySet":
        return self.filter(status=ScreeningSubmission.Status.NEW, triage_level__lte=TriageLevel.URGENT)


class ScreeningSubmission(AnswerSet):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        CONVERTED = "converted", _("Registered as patient")
        DECLINED = "declined", _("Declined")

    OPEN_STATUSES = (Status.NEW, Status.CONTACTED)

    first_name = models.CharField(_("First name"), max_length=80)
    last_name = models.CharField(_("Last name"), max_length=80)
    date_of_birth = models.DateField(_("Date of birth"), validators=[validate_birth_date])
    sex_at_birth = models.CharField(
        _("Sex assigned at birth"), max_length=1, choices=Patient.Sex.choices, default=Patient.Sex.UNKNOWN
    )
    # E.164, as on Patient, so matching compares like with like.
    phone = models.CharField(_("Phone"), max_length=16, validators=[validate_phone])
    email = models.EmailField(_("Email"), blank=True)
    preferred_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
        verbose_name=_("Preferred office"),
    )
    preferred_language = models.CharField(
        _("Preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )

    consent_to_contact = models.BooleanField(_("You may contact me about this screening"), default=False)
    sms_consent = models.BooleanField(_("You may text me"), default=False)
    email_consent = models.BooleanField(_("You may email me"), default=False)
    # Consent is dated (TCPA): the moment the visitor sent the form.
    submitted_at = models.DateTimeField(default=timezone.now, editable=False)

    triage_level = models.PositiveSmallIntegerField(choices=TriageLevel.choices, default=TriageLevel.ROUTINE)
    # The rules that fired when it was submitted, with the answers that caused them.
    triage_findings = models.JSONField(default=list, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    status_note = models.TextField(blank=True, max_length=2000)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, null=True, blank=True, related_name="screenings")

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["triage_level", "submitted_at"]
        constraints = [
            *AnswerSet.Meta.constraints,
            models.CheckConstraint(condition=Q(phone__regex=r"^\+1[2-9]\d{2}[2-9]\d{6}$"), name="screening_phone_e164"),
            models.CheckConstraint(condition=Q(consent_to_contact=True), name="screening_contact_consented"),
            models.CheckConstraint(condition=Q(triage_level__lte=3), name="screening_triage_level_known"),
            models.CheckConstraint(
                condition=Q(status__in=["new", "contacted", "converted", "declined"]), name="screening_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status="converted", patient__isnull=False) | (~Q(status="converted") & Q(patient=None)),
                name="screening_converted_has_patient",
            ),
            models.CheckConstraint(
                condition=Q(status="new") | Q(handled_at__isnull=False), name="screening_handled_is_dated"
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(status_note=""), name="screening_declined_has_note"
            ),
        ]
        indexes = [
            # The screening queue: open submissions by triage level, then oldest.
            models.Index(fields=["status", "triage_level", "submitted_at"], name="screening_queue"),
            # "Has this person screened before?" when matching by date of birth.
            models.Index(fields=["date_of_birth"], name="screening_dob"),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name} ({self.submitted_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("screening_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def waiting(self) -> timedelta:
        return timezone.now() - self.submitted_at

    def apply_triage(self) -> None:
        result = triage(self)
        self.triage_level = result.level
        self.triage_findings = result.as_json()

    def mark(self, status: str, *, note: str, by: Any) -> None:
        """Record a call outcome; converting goes through services.convert_screening."""
        if status not in (self.Status.CONTACTED, self.Status.DECLINED):
            raise ValueError(f"cannot mark a screening {status!r} by hand")
        if not self.is_open:
            raise ValueError("this screening is already closed")
        self.status = status
        self.status_note = note
        self.handled_by = by
        self.handled_at = timezone.now()
        self.save(update_fields=["status", "status_note", "handled_by", "handled_at"])
