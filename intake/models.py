"""Patients: the registry every other part of VeinFlow points at."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from clinic.models import Office
from clinic.validators import validate_birth_date, validate_phone


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class Patient(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        OTHER = "X", "Other / not listed"
        UNKNOWN = "U", "Prefer not to say"

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    preferred_name = models.CharField(max_length=80, blank=True)
    date_of_birth = models.DateField(validators=[validate_birth_date])
    sex_at_birth = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)

    # Stored as E.164 (+1XXXXXXXXXX) so search and SMS see one form.
    phone = models.CharField(max_length=16, validators=[validate_phone])
    email = models.EmailField(blank=True)
    address_line1 = models.CharField("address", max_length=200, blank=True)
    address_line2 = models.CharField("address (line 2)", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    postal_code = models.CharField("ZIP code", max_length=10, blank=True)

    preferred_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="patients"
    )
    preferred_language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)

    insurance_payer = models.CharField(max_length=120, blank=True)
    insurance_member_id = models.CharField("member id", max_length=60, blank=True)

    emergency_contact_name = models.CharField(max_length=120, blank=True)
    emergency_contact_phone = models.CharField(max_length=16, blank=True, validators=[validate_phone])
    emergency_contact_relation = models.CharField("relationship", max_length=60, blank=True)

    # Consent is dated: TCPA for SMS, and the clinic must show when it was given.
    sms_consent = models.BooleanField("may text", default=False)
    sms_consent_at = models.DateTimeField(null=True, blank=True)
    email_consent = models.BooleanField("may email", default=False)
    email_consent_at = models.DateTimeField(null=True, blank=True)

    # The portal hook: a patient's own login, created by invitation.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="patient"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(condition=Q(phone__regex=r"^\+1[2-9]\d{2}[2-9]\d{6}$"), name="patient_phone_e164"),
            models.CheckConstraint(
                condition=Q(sms_consent=False) | Q(sms_consent_at__isnull=False), name="patient_sms_consent_dated"
            ),
            models.CheckConstraint(
                condition=Q(email_consent=False) | Q(email_consent_at__isnull=False),
                name="patient_email_consent_dated",
            ),
            models.CheckConstraint(condition=Q(preferred_language__in=["en", "es"]), name="patient_language_known"),
        ]
        indexes = [
            # Front-desk search by name: case-insensitive prefix on last, then first.
            models.Index(Lower("last_name"), Lower("first_name"), name="patient_name_ci"),
            # Duplicate detection and search by date of birth.
            models.Index(fields=["date_of_birth"], name="patient_dob"),
            # Search by phone, and caller-id lookups.
            models.Index(fields=["phone"], name="patient_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    def get_absolute_url(self) -> str:
        return reverse("patient_chart", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"
