"""The physician's evaluation note: exam, CEAP and VCSS per leg, assessment and plan; signed, then addenda only."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from clinic.models import Office
from evaluations.models.duplex import DuplexStudy
from evaluations.models.locking import LockedQuerySet, LockedWhenSigned, RecordLocked
from evaluations.rules import ceap, icd10, vcss
from evaluations.rules.segments import Segment, Side
from intake.models import Patient

SIGNED_NOTE_MESSAGE = "This note is signed and can no longer be edited. Add a dated addendum instead."
# What the signing physician confirms (clinic policy; CMS asks that a signature on a record attest
# to what it covers: Medicare Program Integrity Manual, chapter 3, section 3.3.2.4). Kept on the note
# word for word, so a later change of wording leaves signed notes as they were signed.
ATTESTATION = "I personally performed or reviewed this evaluation, and this note is accurate and complete."
ATTESTATION_REQUIRED = "Confirm the attestation before signing: tick the box above the Sign button."


class SignedNoteLocked(RecordLocked):
    """Raised on any attempt to change a signed note; corrections go in an addendum."""

    def __init__(self, message: str = SIGNED_NOTE_MESSAGE) -> None:
        super().__init__(message)


class EvaluationQuerySet(LockedQuerySet):
    def for_patient(self, patient: Patient) -> "EvaluationQuerySet":
        return self.filter(patient=patient).order_by("-visit_date", "-pk")

    def signed(self) -> "EvaluationQuerySet":
        return self.filter(status=Evaluation.Status.SIGNED)

    def visible_to(self, user: Any) -> "EvaluationQuerySet":
        """Physicians see drafts too (their own, and others' to take over); other readers signed notes;
        a portal patient only their own signed notes."""
        if user.has_perm("evaluations.change_evaluation"):
            return self
        if user.has_perm("evaluations.view_evaluation"):
            return self.signed()
        return self.signed().filter(patient__user_id=user.pk)

    def drafts_by(self, physician) -> "EvaluationQuerySet":
        return self.filter(status=Evaluation.Status.DRAFT, physician=physician).select_related("patient")


class Evaluation(LockedWhenSigned):
    locked_message = SIGNED_NOTE_MESSAGE
    locked_error_class = SignedNoteLocked

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SIGNED = "signed", "Signed"

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="evaluations")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="evaluations")
    physician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations")
    visit_date = models.DateField(default=timezone.localdate)
    duplex_study = models.ForeignKey(
        DuplexStudy, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluations"
    )
    history = models.TextField("history and symptoms", blank=True)
    exam = models.TextField("examination", blank=True)
    assessment = models.TextField(blank=True)
    plan_text = models.TextField("plan", blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    # The statement the signer confirmed, as it read then (notes signed before attestations: empty).
    attestation = models.TextField(blank=True, default="")
    # Who saved the draft last (updated_at says when); the signer is signed_by.
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The last explicit take-over: whose draft it was, and when it changed hands
    # (each take-over is also in the audit trail, as a change of physician).
    taken_over_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_over_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", signed_by__isnull=True, signed_at__isnull=True)
                | Q(status="signed", signed_by__isnull=False, signed_at__isnull=False),
                name="evaluation_signature_complete",
            ),
            models.CheckConstraint(
                condition=Q(taken_over_from__isnull=True, taken_over_at__isnull=True)
                | Q(taken_over_from__isnull=False, taken_over_at__isnull=False),
                name="evaluation_take_over_complete",
            ),
            models.CheckConstraint(
                condition=Q(status="signed") | Q(attestation=""), name="evaluation_draft_has_no_attestation"
            ),
            # Pressing "Evaluate" again (or twice at once) reopens the physician's draft for this
            # patient instead of starting another (evaluations.services.start_evaluation).
            models.UniqueConstraint(
                fields=["patient", "physician"],
                condition=Q(status="draft"),
                name="evaluation_one_open_draft_per_physician",
            ),
        ]
        permissions = [
            ("sign_evaluation", "Can sign their own evaluation note"),
            ("take_over_evaluation", "Can take over another physician's draft note"),
            ("discard_evaluation", "Can discard their own draft note"),
        ]
        indexes = [
            # Chart, trends and payer checks: a patient's notes, newest visit first.
            models.Index(fields=["patient", "-visit_date"], name="evaluation_patient_recent"),
            # Physician home panel: their unsigned drafts.
            models.Index(fields=["physician"], condition=Q(status="draft"), name="evaluation_open_drafts"),
        ]

    def __str__(self) -> str:
        return f"Evaluation {self.visit_date:%Y-%m-%d} · {self.patient}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:evaluation_detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def sections(self) -> list[tuple[str, str]]:
        return [
            ("History", self.history),
            ("Examination", self.exam),
            ("Assessment", self.assessment),
            ("Plan", self.plan_text),
        ]

    def permits(self, user: Any, perm: str) -> bool:
        """A draft is edited and signed by its own physician only; another takes it over first, explicitly."""
        if perm in ("evaluations.change_evaluation", "evaluations.sign_evaluation"):
            return self.is_signed or self.physician_id == user.pk
        if perm == "evaluations.take_over_evaluation":
            return not self.is_signed and self.physician_id != user.pk
        if perm == "evaluations.discard_evaluation":
            return not self.is_signed and self.physician_id == user.pk
        return True

    def take_over(self, by: Any) -> None:
        """``by`` becomes the draft's physician; whose it was, and when, is kept on the note."""
        if self.is_signed:
            raise SignedNoteLocked()
        if self.physician_id == by.pk:
            raise ValidationError("This draft is already yours.")
        self.taken_over_from_id = self.physician_id
        self.taken_over_at = timezone.now()
        self.physician = by
        self.save(update_fields=["physician", "taken_over_from", "taken_over_at", "updated_at"])

    def discard(self, by: Any) -> None:
        """Throw away a draft nobody will sign: its own physician only; a signed note never.

        The deletion (note and legs) is in the audit trail like any other change.
        """
        if self.is_signed:
            raise SignedNoteLocked()
        if self.physician_id != by.pk:
            raise ValidationError("Only the physician whose draft this is can discard it.")
        if self.treatment_plans.exists():
            raise ValidationError(
                "A treatment plan was started from this draft; remove the plan first, or sign the note."
            )
        self.delete()

    def sign(self, by, *, attested: bool = False) -> None:
        if self.is_signed:
            raise SignedNoteLocked()
        problems = [p for leg in self.legs.all() for p in leg.contradictions()]
        if problems:
            raise ValidationError(problems)
        if self.physician_id != by.pk:
            raise ValidationError("Take this draft over before you sign it: it is another physician's.")
        if not attested:
            raise ValidationError(ATTESTATION_REQUIRED)
        self.status = self.Status.SIGNED
        self.signed_by = by
        self.signed_at = timezone.now()
        self.attestation = ATTESTATION
        self.save(update_fields=["status", "signed_by", "signed_at", "attestation", "updated_at"])


def _vcss_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        default=0,
        validators=[
            MinValueValidator(vcss.ITEM_MIN, "VCSS items are scored 0 to 3."),
            MaxValueValidator(vcss.ITEM_MAX, "VCSS items are scored 0 to 3."),
        ],
    )


ULCER_SITE_WITHOUT_ULCER = "An ulcer site is recorded for an active ulcer only: tick C6 or C6r, or clear the site."


class LegAssessment(LockedWhenSigned):
    """CEAP (2020) and VCSS for one leg at one visit."""

    lock_parent = "evaluation"
    locked_message = SIGNED_NOTE_MESSAGE
    locked_error_class = SignedNoteLocked

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="legs")
    side = models.CharField(max_length=1, choices=Side.choices)
    clinical_classes = models.JSONField(default=list, blank=True, help_text="Every CEAP C class present.")
    symptomatic = models.BooleanField(default=True, help_text="CEAP suffix S (symptomatic) or A (asymptomatic).")
    etiology = models.CharField(max_length=3, choices=ceap.Etiology.choices, default=ceap.Etiology.EN)
    anatomy_superficial = models.BooleanField("As · superficial", default=False)
    anatomy_deep = models.BooleanField("Ad · deep", default=False)
    anatomy_perforator = models.BooleanField("Ap · perforator", default=False)
    pathophysiology = models.CharField(
        max_length=4, choices=ceap.Pathophysiology.choices, default=ceap.Pathophysiology.PN
    )
    segments = models.JSONField(default=list, blank=True, help_text="Affected segments (advanced CEAP).")
    # Where an active ulcer (C6) lies: ICD-10-CM codes a varicose ulcer by site (I83.0-, I83.2-).
    ulcer_site = models.CharField(
        "active ulcer site", max_length=16, choices=icd10.UlcerSite.choices, blank=True, default=""
    )
    pain = _vcss_field("pain")
    varicose_veins = _vcss_field("varicose veins")
    venous_edema = _vcss_field("venous edema")
    skin_pigmentation = _vcss_field("skin pigmentation")
    inflammation = _vcss_field("inflammation")
    induration = _vcss_field("induration")
    active_ulcers = _vcss_field("number of active ulcers")
    ulcer_duration = _vcss_field("active ulcer duration")
    ulcer_size = _vcss_field("active ulcer size")
    compression = _vcss_field("use of compression therapy")
    # Payer indications (Aetna CPB 0050, Medicare LCD L33575) that CEAP alone does not say.
    bleeding = models.BooleanField("bleeding from a varicose vein", default=False)
    thrombophlebitis = models.BooleanField("recurrent thrombophlebitis", default=False)
    limits_daily_life = models.BooleanField("pain or swelling limits daily life", default=False)

    objects = LockedQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "side"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "side"], name="leg_once_per_evaluation"),
            models.CheckConstraint(condition=Q(side__in=["R", "L"]), name="leg_side_valid"),
            models.CheckConstraint(
                condition=Q(ulcer_site__in=[c.value for c in icd10.UlcerSite]), name="leg_ulcer_site_valid"
            ),
            *(
                models.CheckConstraint(condition=Q(**{f"{item}__lte": vcss.ITEM_MAX}), name=f"leg_vcss_{item}_0_3")
                for item in vcss.ITEMS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} leg · {self.ceap_text}"

    def clean(self) -> None:
        unknown = [c for c in self.clinical_classes if c not in ceap.C_ORDER]
        if unknown:
            raise ValidationError({"clinical_classes": f"Not CEAP 2020 clinical classes: {', '.join(unknown)}."})
        bad = [s for s in self.segments if s not in Segment.values and s not in ("Tel", "Ret")]
        if bad:
            raise ValidationError({"segments": f"Not CEAP segments: {', '.join(bad)}."})
        if not vcss.ulcer_items_consistent(self.vcss_scores):
            raise ValidationError("Ulcer duration and size are scored only when there is an active ulcer.")
        if self.ulcer_site and not set(self.clinical_classes) & icd10.ACTIVE_ULCER:
            raise ValidationError({"ulcer_site": ULCER_SITE_WITHOUT_ULCER})

    @property
    def vcss_scores(self) -> dict[str, int]:
        return {item: getattr(self, item) for item in vcss.ITEMS}

    @property
    def vcss_rows(self) -> list[tuple[str, int]]:
        return [(vcss.VcssItem(item).label, getattr(self, item)) for item in vcss.ITEMS]

    @property
    def vcss_total(self) -> int:
        return vcss.total(self.vcss_scores)

    @property
    def anatomy(self) -> str:
        return ceap.anatomy_code(self.anatomy_superficial, self.anatomy_deep, self.anatomy_perforator)

    @property
    def ceap_text(self) -> str:
        return ceap.format_ceap(
            self.clinical_classes, self.symptomatic, self.etiology, self.anatomy, self.pathophysiology, self.segments
        )

    def readings(self) -> list:
        study = self.evaluation.duplex_study
        if study is None:
            return []
        return [f.reading() for f in study.findings.all() if f.side == self.side]

    def contradictions(self) -> list[str]:
        return [
            f"{self.get_side_display()} leg: {p}"
            for p in ceap.contradictions(self.clinical_classes, self.vcss_scores, self.readings())
        ]


ADDENDUM_MESSAGE = "An addendum cannot be changed or removed; add another one."


class Addendum(models.Model):
    """A dated correction or addition to a signed note; the note itself never changes."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "addenda"
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="addendum_not_empty")]

    def __str__(self) -> str:
        return f"Addendum {self.created_at:%Y-%m-%d} to {self.evaluation}"

    def save(self, *args, **kwargs) -> None:
        if self._state.adding and not Evaluation.objects.filter(pk=self.evaluation_id, status="signed").exists():
            raise ValidationError("Addenda are added to signed notes; edit the draft instead.")
        if not self._state.adding:
            raise ValidationError(ADDENDUM_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> None:
        raise RecordLocked(ADDENDUM_MESSAGE)
