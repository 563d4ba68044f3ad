"""Patients: the registry every other part of VeinFlow points at."""

import re
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower, Right
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.models import Office
from clinic.validators import normalize_phone, validate_birth_date, validate_phone

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NOT_A_LETTER = re.compile(r"[^\w]|[\d_]")


def name_key(value: str) -> str:
    """A name as matching sees it: "O'Neil-Smith " and "oneilsmith" are the same."""
    return _NOT_A_LETTER.sub("", value or "").lower()


def parse_search_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class PatientQuerySet(models.QuerySet):
    # How many rows the front-desk search shows; more means "narrow it down".
    SEARCH_LIMIT = 50

    def visible_to(self, user: Any) -> "PatientQuerySet":
        """Staff who read charts see every patient; a portal patient only their own chart."""
        if user.has_perm("intake.view_patient"):
            return self
        return self.filter(user_id=user.pk)

    def search(self, text: str) -> "PatientQuerySet":
        """Front-desk search by name, date of birth or phone, as one indexed query.

        Names are case-insensitive prefixes ("smi", "smith, jo", "jo smith"), served
        by the lower(...) indexes (text_pattern_ops on PostgreSQL, migration 0004);
        a date is an exact date of birth (patient_dob); digits are a phone number,
        whole or its leading part (patient_phone / patient_phone_prefix).
        """
        text = " ".join((text or "").split())
        if not text:
            return self.none()
        born = parse_search_date(text)
        if born is not None:
            return self.filter(date_of_birth=born).order_by(*self._name_order())
        if not _HAS_LETTER.search(text):
            return self._by_phone(text)
        return self._by_name(text)

    def _by_phone(self, text: str) -> "PatientQuerySet":
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 10:
            try:
                return self.filter(phone=normalize_phone(digits)).order_by(*self._name_order())
            except ValidationError:  # a malformed number simply matches nobody
                return self.none()
        if len(digits) < 3:
            return self.none()
        if len(digits) == 7:
            # A local number as a caller says it (555-0142): the last seven digits, any area code.
            local = self.alias(phone_local=Right("phone", 7)).filter(phone_local=digits)
            return local.order_by(*self._name_order())
        return self.filter(phone__startswith=f"+1{digits}").order_by(*self._name_order())

    def _by_name(self, text: str) -> "PatientQuerySet":
        named = self.annotate(last_ci=Lower("last_name"), first_ci=Lower("first_name"))
        if "," in text:
            last, _comma, first = (part.strip().lower() for part in text.partition(","))
            query = Q(last_ci__startswith=last) & Q(first_ci__startswith=first)
        else:
            words = text.lower().split(" ")
            if len(words) == 1:
                query = Q(last_ci__startswith=words[0]) | Q(first_ci__startswith=words[0])
            else:
                head, rest = words[0], " ".join(words[1:])
                query = (Q(first_ci__startswith=head) & Q(last_ci__startswith=rest)) | (
                    Q(last_ci__startswith=head) & Q(first_ci__startswith=rest)
                )
        return named.filter(query).order_by(*self._name_order())

    @staticmethod
    def _name_order() -> tuple:
        return (Lower("last_name"), Lower("first_name"), "pk")

    def duplicate_candidates(self, *, date_of_birth: date, phone: str) -> "PatientQuerySet":
        """Everyone sharing the birth date or the phone number (both indexed).

        Whether a candidate is the same person is decided by Patient.match_strength.
        """
        return self.filter(Q(date_of_birth=date_of_birth) | Q(phone=phone)).select_related("preferred_office")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")


class Patient(models.Model):
    class Sex(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        OTHER = "X", _("Other / not listed")
        UNKNOWN = "U", _("Prefer not to say")

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
    preferred_contact = models.CharField(
        "preferred way to reach", max_length=5, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )

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

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        permissions = [("use_portal", "Can use the patient portal for their own records")]
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
            models.CheckConstraint(
                condition=Q(preferred_contact__in=["phone", "sms", "email"]), name="patient_contact_method_known"
            ),
        ]
        indexes = [
            # Front-desk search by name: case-insensitive prefix on last, then first.
            models.Index(Lower("last_name"), Lower("first_name"), name="patient_name_ci"),
            # Duplicate detection and search by date of birth.
            models.Index(fields=["date_of_birth"], name="patient_dob"),
            # Search by phone, and caller-id lookups.
            models.Index(fields=["phone"], name="patient_phone"),
            # Search by a local number as a caller says it (555-0142): its last seven digits.
            models.Index(Right("phone", 7), name="patient_phone_local"),
            # Front-desk search by first name alone ("maria").
            models.Index(Lower("first_name"), name="patient_first_name_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    def get_absolute_url(self) -> str:
        return reverse("patient_chart", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def set_consents(self, *, sms: bool, email: bool, at: datetime | None = None) -> None:
        """Record SMS/email consent; the date stays that of the first yes (TCPA record)."""
        at = at or timezone.now()
        if sms and not self.sms_consent:
            self.sms_consent_at = at
        if not sms:
            self.sms_consent_at = None
        if email and not self.email_consent:
            self.email_consent_at = at
        if not email:
            self.email_consent_at = None
        self.sms_consent, self.email_consent = sms, email

    def match_strength(self, *, first_name: str, last_name: str, date_of_birth: date, phone: str, email: str) -> str:
        """How sure we are that these details describe this patient.

        "sure": same name and date of birth plus the same phone or email;
        "possible": a partial overlap a person should look at (a maiden name,
        a mistyped birth year, a shared family phone); "" for no resemblance.
        """
        same_first = name_key(first_name) == name_key(self.first_name)
        same_last = name_key(last_name) == name_key(self.last_name)
        same_dob = date_of_birth == self.date_of_birth
        same_contact = phone == self.phone or bool(email and email.lower() == self.email.lower())
        if same_first and same_last and same_dob and same_contact:
            return "sure"
        if same_dob and (same_first or same_last or same_contact):
            return "possible"
        if phone == self.phone and (same_first or same_last):
            return "possible"
        return ""
