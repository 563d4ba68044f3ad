"""A Wells DVT score for one leg at one visit, as the physician or sonographer entered it.

Append-only: a saved assessment is never changed or removed. A correction is a new
assessment for the same patient, visit day and leg that names the one it replaces
(``corrects``); the newest one for the visit counts, and the older ones stay to show
what was believed when. The database refuses UPDATE and DELETE (evaluations.triggers)
and checks that the stored score is the sum of the items.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from clinic.models import Office
from evaluations.models.locking import RecordLocked
from evaluations.rules import wells
from evaluations.rules.segments import Side
from intake.models import Patient

APPEND_ONLY_MESSAGE = "A Wells assessment is never changed or removed; enter a new one to correct it."


def _points(code: str) -> Case:
    return Case(When(**{code: True}, then=Value(wells.BY_CODE[code].points)), default=Value(0))


def _item_sum() -> Any:
    total: Any = _points(wells.CODES[0])
    for code in wells.CODES[1:]:
        total = total + _points(code)
    return total


class WellsAssessmentQuerySet(models.QuerySet):
    # Bulk paths skip save() and delete(); they refuse too (and the triggers under them).
    def update(self, **kwargs: Any) -> int:
        raise RecordLocked(APPEND_ONLY_MESSAGE)

    update.alters_data = True

    def delete(self) -> tuple[int, dict[str, int]]:
        raise RecordLocked(APPEND_ONLY_MESSAGE)

    delete.alters_data = True

    def visible_to(self, user: Any) -> "WellsAssessmentQuerySet":
        if user.has_perm("evaluations.view_wellsassessment"):
            return self
        return self.none()

    def current(self) -> "WellsAssessmentQuerySet":
        """Those no later assessment corrects: the one that counts for each visit and leg."""
        return self.exclude(Exists(WellsAssessment.objects.filter(corrects=OuterRef("pk"))))

    def for_patient(self, patient: Patient) -> "WellsAssessmentQuerySet":
        return self.filter(patient=patient).order_by("-visit_date", "side", "-entered_at", "-pk")

    def likely_since(self, offices, first_day: datetime.date) -> "WellsAssessmentQuerySet":
        return (
            self.current()
            .filter(office__in=offices, visit_date__gte=first_day, score__gte=wells.LIKELY_FROM)
            .select_related("patient", "office", "entered_by")
            .order_by("-visit_date", "-entered_at")
        )


class WellsAssessment(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="wells_assessments")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    # The visit: the office's own calendar day, and the appointment when one was booked for it.
    visit_date = models.DateField()
    appointment = models.ForeignKey(
        "scheduling.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    side = models.CharField("leg assessed", max_length=1, choices=Side.choices)

    active_cancer = models.BooleanField(wells.BY_CODE["active_cancer"].label, default=False)
    paralysis_or_cast = models.BooleanField(wells.BY_CODE["paralysis_or_cast"].label, default=False)
    bedridden_or_surgery = models.BooleanField(wells.BY_CODE["bedridden_or_surgery"].label, default=False)
    deep_vein_tenderness = models.BooleanField(wells.BY_CODE["deep_vein_tenderness"].label, default=False)
    entire_leg_swollen = models.BooleanField(wells.BY_CODE["entire_leg_swollen"].label, default=False)
    calf_swelling_3cm = models.BooleanField(wells.BY_CODE["calf_swelling_3cm"].label, default=False)
    pitting_edema = models.BooleanField(wells.BY_CODE["pitting_edema"].label, default=False)
    collateral_veins = models.BooleanField(wells.BY_CODE["collateral_veins"].label, default=False)
    previous_dvt = models.BooleanField(wells.BY_CODE["previous_dvt"].label, default=False)
    alternative_diagnosis = models.BooleanField(wells.BY_CODE["alternative_diagnosis"].label, default=False)

    # Stored so lists and the home panel filter on it; the database checks it is the items' sum.
    score = models.SmallIntegerField()
    # Items the form pre-filled from the patient's own answers, which the clinician then confirmed or cleared.
    prefilled = models.JSONField(default=list, blank=True)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(default=timezone.now)

    objects = WellsAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "side", "-entered_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(side__in=["R", "L"]), name="wells_side_valid"),
            models.CheckConstraint(condition=Q(score=_item_sum()), name="wells_score_is_sum_of_items"),
            models.CheckConstraint(condition=~Q(corrects=F("pk")), name="wells_does_not_correct_itself"),
        ]
        indexes = [
            # Chart and evaluation note: a patient's assessments, newest visit first.
            models.Index(fields=["patient", "-visit_date"], name="wells_patient_recent"),
            # Physician home panel: "likely" assessments at their offices in the last days.
            models.Index(fields=["office", "visit_date"], condition=Q(score__gte=2), name="wells_likely_by_office"),
        ]

    def __str__(self) -> str:
        return f"Wells {self.score} ({self.verdict}) · {self.get_side_display().lower()} leg · {self.visit_date}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RecordLocked(APPEND_ONLY_MESSAGE)
        self.score = self.result.score
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("evaluations:wells_detail", args=[self.pk])

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RecordLocked(APPEND_ONLY_MESSAGE)

    def present(self) -> dict[str, bool]:
        return {code: getattr(self, code) for code in wells.CODES}

    @property
    def result(self) -> wells.WellsResult:
        return wells.score(self.present())

    @property
    def likely(self) -> bool:
        return self.score >= wells.LIKELY_FROM

    @property
    def verdict(self) -> str:
        return self.result.verdict

    @property
    def rows(self) -> list[tuple[wells.Item, bool, bool]]:
        """(item, present, pre-filled from intake) for every item, in the paper's order."""
        return [(item, getattr(self, item.code), item.code in self.prefilled) for item in wells.ITEMS]

    def clean(self) -> None:
        unknown = set(self.prefilled) - set(wells.CODES)
        if unknown:
            raise ValidationError({"prefilled": f"Not Wells items: {', '.join(sorted(unknown))}."})
        old = self.corrects
        if old is not None and (old.patient_id, old.visit_date, old.side) != (
            self.patient_id,
            self.visit_date,
            self.side,
        ):
            raise ValidationError("A correction is for the same patient, visit day and leg as what it corrects.")
