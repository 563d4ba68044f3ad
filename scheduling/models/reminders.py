"""Reminders as rows with a life: created at booking, moved and cancelled with the
appointment, claimed when due, sent once, and marked with the provider's id.

The claim protocol (see scheduling.reminders.dispatch) moves a row
pending -> sending (with a claim token and a lease, committed before any provider
call) -> sent (with the provider's message id) | failed | skipped, or back to
pending for a retry, a quiet-hours deferral or an expired lease.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template import Template, TemplateSyntaxError
from django.utils import timezone

from clinic.models import Office
from intake.models import Language, Patient
from scheduling.models.appointments import Appointment
from scheduling.models.types import ReminderChannel, ReminderKind
from scheduling.models.waitlist import WaitlistEntry


class ReminderStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"
    CANCELLED = "cancelled", "Cancelled"


class MessageKind(models.TextChoices):
    """What a message is about: an appointment's policy kinds, plus two that have no booking yet."""

    REMINDER = ReminderKind.REMINDER.value, ReminderKind.REMINDER.label
    PREPARATION = ReminderKind.PREPARATION.value, ReminderKind.PREPARATION.label
    AFTERCARE_CHECK = ReminderKind.AFTERCARE_CHECK.value, ReminderKind.AFTERCARE_CHECK.label
    WAITLIST_OFFER = "waitlist_offer", "Waitlist offer"
    COMPRESSION_TRIAL = "compression_trial", "Compression trial ending"
    SYMPTOM_SURVEY = "symptom_survey", "Symptom questionnaire"


APPOINTMENT_KINDS = [ReminderKind.REMINDER.value, ReminderKind.PREPARATION.value, ReminderKind.AFTERCARE_CHECK.value]
LIVE = [ReminderStatus.PENDING.value, ReminderStatus.SENDING.value]


class ReminderQuerySet(models.QuerySet):
    def pending(self) -> "ReminderQuerySet":
        return self.filter(status=ReminderStatus.PENDING)

    def live(self) -> "ReminderQuerySet":
        return self.filter(status__in=LIVE)

    def due(self, now: "timezone.datetime") -> "ReminderQuerySet":
        return self.pending().filter(due_at__lte=now)

    def stale_claims(self, now: "timezone.datetime") -> "ReminderQuerySet":
        """Claimed by a worker whose lease ran out: it died, or lost its connection."""
        return self.filter(status=ReminderStatus.SENDING, lease_until__lt=now)

    def needing_attention(self) -> "ReminderQuerySet":
        return (
            self.filter(status=ReminderStatus.FAILED)
            .select_related("patient", "office", "appointment")
            .order_by("-updated_at", "-pk")
        )

    def for_dispatch(self) -> "ReminderQuerySet":
        return self.select_related(
            "patient__contact_preference", "office", "appointment__appointment_type", "appointment__office"
        )


class Reminder(models.Model):
    """One message to one patient on one channel. Holds ids and times, never message text."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="reminders")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders", db_index=False
    )
    waitlist_entry = models.ForeignKey(
        WaitlistEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=10, choices=ReminderChannel.choices)
    # The policy rule this row came from (hours before the start; negative: after).
    offset_hours = models.SmallIntegerField(null=True, blank=True)
    # A waitlist offer's freed time, the day a compression trial ends, or the day a symptom
    # questionnaire falls due.
    subject_time = models.DateTimeField(null=True, blank=True)
    # Which symptom questionnaire a symptom_survey row asks for (intake.Occasion); empty otherwise.
    occasion = models.CharField(max_length=10, blank=True, default="")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    claim_token = models.UUIDField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_message_id = models.CharField(max_length=100, blank=True)
    # Provider codes and our own reasons; never the message or the address.
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ReminderStatus.values), name="reminder_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=MessageKind.values), name="reminder_kind_valid"),
            models.CheckConstraint(condition=Q(channel__in=ReminderChannel.values), name="reminder_channel_valid"),
            # A claim is a token and a lease, committed before the provider is called.
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(claim_token__isnull=False, lease_until__isnull=False),
                name="reminder_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | (Q(sent_at__isnull=False) & ~Q(provider_message_id="")),
                name="reminder_sent_has_provider_id",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=APPOINTMENT_KINDS) | Q(appointment__isnull=False),
                name="reminder_appointment_kinds_have_appointment",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["waitlist_offer", "compression_trial"]) | Q(subject_time__isnull=False),
                name="reminder_offer_and_trial_have_time",
            ),
            models.CheckConstraint(
                condition=Q(kind="symptom_survey", subject_time__isnull=False, occasion__in=["six_weeks", "six_months"])
                | (~Q(kind="symptom_survey") & Q(occasion="")),
                name="reminder_survey_has_occasion_and_day",
            ),
            # Two procedures done the same day ask for one questionnaire per occasion and channel.
            models.UniqueConstraint(
                fields=["patient", "channel", "occasion", "subject_time"],
                condition=Q(kind="symptom_survey"),
                name="reminder_one_survey_per_occasion_day",
            ),
            # One live row per policy rule: a reschedule moves it, never duplicates it.
            models.UniqueConstraint(
                fields=["appointment", "kind", "channel", "offset_hours"],
                condition=Q(status__in=LIVE, appointment__isnull=False),
                name="reminder_one_live_row_per_rule",
            ),
        ]
        indexes = [
            # The beat's claim: pending rows due by now, oldest first (partial, so it stays small).
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="reminder_pending_due"),
            # The reaper: claimed rows whose lease has run out.
            models.Index(fields=["lease_until"], condition=Q(status="sending"), name="reminder_sending_lease"),
            # Moving or cancelling an appointment's live reminders.
            models.Index(fields=["appointment", "status"], name="reminder_appointment_status"),
            # The front desk's failed-reminders page, newest first.
            models.Index(fields=["-updated_at"], condition=Q(status="failed"), name="reminder_failed_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.get_channel_display()} · {self.get_status_display()}"

    @property
    def idempotency_key(self) -> str:
        """Stable across retries and re-claims, so a provider that honours it never delivers twice."""
        return f"veinflow-reminder-{self.pk}"


class ReminderTemplate(models.Model):
    """The words of one kind of message on one channel in one language; admins edit them.

    Bodies are Django templates over a small context (office, date, time, phone and
    links; the email adds the address and preparation): an SMS has no way to name
    the procedure because it is never given one.
    """

    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    channel = models.CharField(max_length=10, choices=ReminderChannel.choices)
    language = models.CharField(max_length=5, choices=Language.choices)
    subject = models.CharField(max_length=150, blank=True, help_text="Email only.")
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "channel", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "channel", "language"], name="reminder_template_unique"),
            models.CheckConstraint(condition=Q(kind__in=MessageKind.values), name="reminder_template_kind_valid"),
            models.CheckConstraint(
                condition=Q(channel__in=ReminderChannel.values), name="reminder_template_channel_valid"
            ),
            models.CheckConstraint(condition=Q(language__in=Language.values), name="reminder_template_language"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_channel_display()} · {self.language}"

    def clean(self) -> None:
        for field in ("subject", "body"):
            try:
                Template(getattr(self, field))
            except TemplateSyntaxError as error:
                raise ValidationError({field: f"This template does not read: {error}"}) from error
        if self.channel == ReminderChannel.EMAIL and not self.subject.strip():
            raise ValidationError({"subject": "An email needs a subject."})
        if self.channel == ReminderChannel.SMS and len(self.body) > 480:
            # Three SMS segments; longer messages get split and arrive out of order.
            raise ValidationError({"body": "Keep a text message under 480 characters."})


class ChannelChoice(models.TextChoices):
    ANY = "any", "Email and text"
    EMAIL = "email", "Email only"
    SMS = "sms", "Text only"
    NONE = "none", "No reminders"


class ContactPreference(models.Model):
    """How a patient wants to be reminded, their SMS opt-out, and a number that bounced."""

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="contact_preference")
    channels = models.CharField(max_length=5, choices=ChannelChoice.choices, default=ChannelChoice.ANY)
    # TCPA: a STOP reply ends texts at once, whatever consent was on file.
    sms_opted_out_at = models.DateTimeField(null=True, blank=True)
    # The number the provider refused; a new number on the patient clears the warning.
    invalid_phone = models.CharField(max_length=16, blank=True)
    invalid_phone_reason = models.CharField(max_length=200, blank=True)
    invalid_phone_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(channels__in=ChannelChoice.values), name="contact_preference_channels"),
        ]

    def __str__(self) -> str:
        return f"Reminder preferences of {self.patient}"

    @property
    def sms_opted_out(self) -> bool:
        return self.sms_opted_out_at is not None

    @property
    def phone_is_invalid(self) -> bool:
        return bool(self.invalid_phone) and self.invalid_phone == self.patient.phone

    def wants(self, channel: str) -> bool:
        return self.channels == ChannelChoice.ANY or self.channels == channel


class RescheduleRequest(models.Model):
    """A patient asked, from a reminder link, to move their appointment; the desk calls back."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="reschedule_requests")
    requested_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            # Pressing the link twice is one request.
            models.UniqueConstraint(
                fields=["appointment"], condition=Q(handled_at__isnull=True), name="reschedule_request_one_open"
            ),
            models.CheckConstraint(
                condition=Q(handled_at__isnull=True) | Q(handled_by__isnull=False),
                name="reschedule_request_handled_by_someone",
            ),
        ]
        indexes = [
            # The desk's list of open requests, oldest first.
            models.Index(fields=["requested_at"], condition=Q(handled_at__isnull=True), name="reschedule_request_open"),
        ]

    def __str__(self) -> str:
        return f"Reschedule request for appointment {self.appointment_id}"
