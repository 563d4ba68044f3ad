"""Duplex ultrasound studies and what the sonographer found in each vein segment."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from clinic.models import Office
from evaluations.models.locking import LockedQuerySet, LockedWhenSigned
from evaluations.rules import segments as seg
from evaluations.rules.procedures import duplex_cpt
from intake.models import Patient

PERFORATORS = [seg.Segment.TPV, seg.Segment.CPV]


class Legs(models.TextChoices):
    BOTH = "both", "Both legs"
    RIGHT = "R", "Right leg only"
    LEFT = "L", "Left leg only"


FINAL_STUDY_MESSAGE = "This study is final; its findings can no longer be changed."


class DuplexStudyQuerySet(LockedQuerySet):
    def for_patient(self, patient: Patient) -> "DuplexStudyQuerySet":
        return self.filter(patient=patient).order_by("-performed_at", "-pk")

    def in_progress_at(self, offices) -> "DuplexStudyQuerySet":
        return self.filter(status=DuplexStudy.Status.IN_PROGRESS, office__in=offices).select_related(
            "patient", "office", "sonographer"
        )

    def visible_to(self, user: Any) -> "DuplexStudyQuerySet":
        """Clinical staff see every study; anyone else (a portal patient) none: the portal shows signed notes."""
        if user.has_perm("evaluations.view_duplexstudy"):
            return self
        return self.none()


class DuplexStudy(LockedWhenSigned):
    locked_status = "final"
    locked_message = FINAL_STUDY_MESSAGE

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        FINAL = "final", "Final"

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="duplex_studies")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="duplex_studies")
    sonographer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duplex_studies")
    # The visit it was recorded at, when booked through scheduling (duplex or post-ablation duplex).
    appointment = models.OneToOneField(
        "scheduling.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="duplex_study"
    )
    performed_at = models.DateTimeField(default=timezone.now)
    legs = models.CharField(max_length=4, choices=Legs.choices, default=Legs.BOTH)
    indication = models.CharField(max_length=200, blank=True)
    impression = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    finalized_at = models.DateTimeField(null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The last explicit take-over: whose study it was, and when it changed hands
    # (each take-over is also in the audit trail, as a change of sonographer).
    taken_over_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_over_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DuplexStudyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "duplex studies"
        ordering = ["-performed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(legs__in=["both", "R", "L"]), name="duplex_legs_valid"),
            models.CheckConstraint(
                condition=Q(status="in_progress", finalized_at__isnull=True)
                | Q(status="final", finalized_at__isnull=False),
                name="duplex_final_is_dated",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress", finalized_by__isnull=True)
                | Q(status="final", finalized_by__isnull=False),
                name="duplex_final_names_finalizer",
            ),
            models.CheckConstraint(
                condition=Q(taken_over_from__isnull=True, taken_over_at__isnull=True)
                | Q(taken_over_from__isnull=False, taken_over_at__isnull=False),
                name="duplex_take_over_complete",
            ),
        ]
        permissions = [
            ("finalize_duplexstudy", "Can mark their own duplex study final"),
            ("take_over_duplexstudy", "Can take over another sonographer's study in progress"),
        ]
        indexes = [
            # Chart, payer checks and note prefill: a patient's studies, newest first.
            models.Index(fields=["patient", "-performed_at"], name="duplex_patient_recent"),
            # Sonographer home panel: studies still in progress at their offices.
            models.Index(fields=["status", "office"], name="duplex_status_office"),
        ]

    def __str__(self) -> str:
        return f"Duplex {self.performed_at:%Y-%m-%d} · {self.patient}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:study_detail", args=[self.pk])

    @property
    def sides(self) -> list[str]:
        return [seg.Side.RIGHT, seg.Side.LEFT] if self.legs == Legs.BOTH else [self.legs]

    @property
    def cpt_code(self) -> str:
        return duplex_cpt(len(self.sides))

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    def local_date(self):
        return timezone.localtime(self.performed_at, self.office.zone).date()

    def permits(self, user: Any, perm: str) -> bool:
        """Only the study's own sonographer finalizes it; another takes it over first, explicitly."""
        if perm == "evaluations.finalize_duplexstudy":
            return self.sonographer_id == user.pk
        if perm == "evaluations.take_over_duplexstudy":
            return not self.is_final and self.sonographer_id != user.pk
        return True

    def finalize(self, by: Any) -> None:
        if self.is_final:
            raise ValidationError("This study is already final.")
        if self.sonographer_id != by.pk:
            raise ValidationError("Take this study over before you mark it final: it is another sonographer's.")
        self.status = self.Status.FINAL
        self.finalized_at = timezone.now()
        self.finalized_by = by
        self.save(update_fields=["status", "finalized_at", "finalized_by"])

    def take_over(self, by: Any) -> None:
        """``by`` becomes the study's sonographer; whose it was, and when, is kept on the study."""
        if self.is_final:
            raise ValidationError("This study is final; there is nothing left to take over.")
        if self.sonographer_id == by.pk:
            raise ValidationError("This study is already yours.")
        self.taken_over_from_id = self.sonographer_id
        self.taken_over_at = timezone.now()
        self.sonographer = by
        self.save(update_fields=["sonographer", "taken_over_from", "taken_over_at"])


def anatomical_ordering() -> list:
    """Right leg, then left (as drawn and as on a worksheet); on each, segments in anatomical order."""
    side = Case(When(side=seg.Side.RIGHT, then=Value(0)), default=Value(1))
    segment = Case(
        *(When(segment=code, then=Value(rank)) for rank, code in enumerate(seg.ANATOMICAL_ORDER)),
        default=Value(len(seg.ANATOMICAL_ORDER)),
    )
    return [side.asc(), segment.asc(), F("pk").asc()]


class SegmentFindingQuerySet(LockedQuerySet):
    def thrombus(self) -> "SegmentFindingQuerySet":
        # Non-compressible segments are thrombus by constraint, so the thrombus field says it all.
        return self.exclude(thrombus=SegmentFinding.Thrombus.NONE)

    def unacknowledged_thrombus_at(self, offices) -> "SegmentFindingQuerySet":
        return (
            self.filter(acknowledged_at__isnull=True, study__office__in=offices)
            .exclude(thrombus=SegmentFinding.Thrombus.NONE)
            .select_related("study__patient", "study__office")
            .order_by("-study__performed_at")
        )

    def visible_to(self, user: Any) -> "SegmentFindingQuerySet":
        if user.has_perm("evaluations.view_segmentfinding"):
            return self
        return self.none()


class SegmentFinding(LockedWhenSigned):
    # A physician still acknowledges a thrombus on a final study (OPEN_COLUMNS).
    lock_parent = "study"
    locked_message = FINAL_STUDY_MESSAGE

    class Compressibility(models.TextChoices):
        NOT_ASSESSED = "", "Not assessed"
        FULL = "full", "Fully compressible"
        PARTIAL = "partial", "Partially compressible"
        NONE = "none", "Non-compressible"

    class Thrombus(models.TextChoices):
        NONE = "", "No thrombus"
        ACUTE = "acute", "Acute thrombus"
        CHRONIC = "chronic", "Chronic (post-thrombotic)"

    study = models.ForeignKey(DuplexStudy, on_delete=models.CASCADE, related_name="findings")
    side = models.CharField(max_length=1, choices=seg.Side.choices)
    segment = models.CharField(max_length=5, choices=seg.Segment.choices)
    location = models.CharField(
        max_length=80, blank=True, help_text="Where along the leg, e.g. '10 cm above the medial malleolus'."
    )
    reflux_ms = models.PositiveIntegerField(
        "reflux (ms)",
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(seg.MAX_REFLUX_MS, "Reflux over 10 seconds (10000 ms) is not physiological; re-measure.")
        ],
    )
    diameter_mm = models.DecimalField(
        "diameter (mm)",
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.1"), "A vein diameter is more than 0 mm."),
            MaxValueValidator(seg.MAX_DIAMETER_MM, "A leg vein wider than 30 mm is not plausible; re-measure."),
        ],
    )
    compressibility = models.CharField(max_length=8, choices=Compressibility.choices, blank=True)
    thrombus = models.CharField(max_length=8, choices=Thrombus.choices, blank=True)
    ulcer = models.CharField(
        "ulcer above (perforators)", max_length=8, choices=seg.UlcerNearby.choices, blank=True, default=""
    )
    notes = models.CharField(max_length=300, blank=True)
    # A thrombus stays on the physicians' home page until one of them has seen it.
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = SegmentFindingQuerySet.as_manager()

    class Meta:
        # Never alphabetical: a study reads down each leg (rules.segments.ANATOMICAL_ORDER).
        ordering = anatomical_ordering()
        permissions = [("acknowledge_segmentfinding", "Can acknowledge a thrombus alert")]
        constraints = [
            # Perforators can be several per leg (each with its location); every other segment once.
            models.UniqueConstraint(
                fields=["study", "side", "segment"],
                condition=~Q(segment__in=["TPV", "CPV"]),
                name="finding_one_per_segment",
            ),
            models.CheckConstraint(condition=Q(side__in=["R", "L"]), name="finding_side_valid"),
            models.CheckConstraint(
                condition=Q(reflux_ms__isnull=True) | Q(reflux_ms__lte=seg.MAX_REFLUX_MS),
                name="finding_reflux_plausible",
            ),
            models.CheckConstraint(
                condition=Q(diameter_mm__isnull=True) | Q(diameter_mm__gt=0, diameter_mm__lte=seg.MAX_DIAMETER_MM),
                name="finding_diameter_plausible",
            ),
            # Compression ultrasound: a vein that does not compress holds thrombus, so it must be recorded as one.
            models.CheckConstraint(
                condition=~Q(compressibility__in=["partial", "none"], thrombus=""),
                name="finding_noncompressible_is_thrombus",
            ),
            models.CheckConstraint(
                condition=~(Q(compressibility="full") & ~Q(thrombus="")), name="finding_thrombus_not_compressible"
            ),
            models.CheckConstraint(
                condition=Q(ulcer="") | Q(segment__in=["TPV", "CPV"]), name="finding_ulcer_only_for_perforators"
            ),
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True) | ~Q(thrombus=""), name="finding_only_thrombus_acknowledged"
            ),
        ]
        indexes = [
            # Physician home panel: unacknowledged thrombus findings.
            models.Index(fields=["acknowledged_at"], condition=~Q(thrombus=""), name="finding_open_thrombus"),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.segment}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.compressibility in (self.Compressibility.PARTIAL, self.Compressibility.NONE) and not self.thrombus:
            errors["thrombus"] = "A segment that does not fully compress means thrombus: record it as acute or chronic."
        if self.compressibility == self.Compressibility.FULL and self.thrombus:
            errors["compressibility"] = "A vein with thrombus does not compress fully."
        if self.ulcer and self.segment not in PERFORATORS:
            errors["ulcer"] = "Only a perforator is described as lying beneath an ulcer."
        if errors:
            raise ValidationError(errors)

    @property
    def system(self) -> seg.System:
        return seg.system_of(self.segment)

    @property
    def has_thrombus(self) -> bool:
        return bool(self.thrombus)

    @property
    def is_deep_thrombus(self) -> bool:
        return self.has_thrombus and self.system == seg.System.DEEP

    @property
    def alert_label(self) -> str:
        kind = "DVT" if self.is_deep_thrombus else "Superficial vein thrombus"
        return f"{kind}: {self.get_thrombus_display().lower()} in {self.get_side_display().lower()} {self.segment}"

    def reading(self) -> seg.SegmentReading:
        return seg.SegmentReading(
            side=self.side,
            segment=self.segment,
            reflux_ms=self.reflux_ms,
            diameter_mm=self.diameter_mm,
            has_thrombus=self.has_thrombus,
            ulcer=self.ulcer or None,
        )

    @property
    def threshold_ms(self) -> int | None:
        return seg.reflux_threshold_ms(self.segment)

    @property
    def pathological(self) -> bool:
        return self.reading().pathological

    @property
    def pathological_perforator(self) -> bool:
        return seg.is_pathological_perforator(self.segment, self.reflux_ms, self.diameter_mm, self.ulcer or None)

    def acknowledge(self, by) -> None:
        if not self.has_thrombus:
            raise ValidationError("Only a thrombus alert is acknowledged.")
        self.acknowledged_by = by
        self.acknowledged_at = timezone.now()
        self.save(update_fields=["acknowledged_by", "acknowledged_at"])
