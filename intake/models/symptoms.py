"""Patient-reported symptom scores: the HASTI questionnaire, before treatment and after.

Five symptoms, each rated by the patient from 0 (none) to 5 (worst): heaviness,
achiness, swelling, throbbing and itching; the total runs 0 to 25. These are the
patient-reported symptom items of the Society for Vascular Surgery's Vascular Quality
Initiative Varicose Vein Registry (docs/clinical-rules.md, "Patient-reported symptoms").
A score is never edited: a new answer is a new row, so the chart trends them.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models.patients import Patient

ITEM_MIN, ITEM_MAX = 0, 5  # VQI VVR: each symptom 0 (none) to 5 (worst)
# The items in the order the questionnaire asks them (H, A, S, T, I).
ITEMS = ("heaviness", "achiness", "swelling", "throbbing", "itching")
TOTAL_MAX = ITEM_MAX * len(ITEMS)


class SymptomScoreImmutable(Exception):
    """Raised when something tries to rewrite a saved symptom score."""


class Occasion(models.TextChoices):
    # Clinic policy: before the first visit, then 6 weeks and 6 months after a procedure.
    BASELINE = "baseline", _("Before treatment")
    SIX_WEEKS = "six_weeks", _("6 weeks after a procedure")
    SIX_MONTHS = "six_months", _("6 months after a procedure")
    OTHER = "other", _("Other")


class SymptomScoreQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> "SymptomScoreQuerySet":
        """Staff who read charts see every score; a portal patient only their own."""
        if user.has_perm("intake.view_symptomscore"):
            return self
        return self.filter(patient__user_id=user.pk)

    def history(self, patient: Patient) -> "SymptomScoreQuerySet":
        return self.filter(patient=patient).select_related("entered_by").order_by("recorded_at", "pk")


def symptom_history_for(request: Any, patient: Patient) -> list["SymptomScore"]:
    """The patient's scores, oldest first, read once per request: the chart shows them and
    evaluations' trend panel on it draws them (clinic.per_request)."""
    from clinic.per_request import read_once

    def read() -> list[SymptomScore]:
        scores = list(SymptomScore.objects.history(patient))
        for score in scores:
            # A score's name, its audit entry's text, names the patient: a query per score otherwise.
            score.patient = patient
        return scores

    return read_once(request, ("symptom_history", patient.pk), read)


def _item(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label)


class SymptomScore(models.Model):
    class Source(models.TextChoices):
        PATIENT = "patient", _("Entered by the patient")
        STAFF = "staff", _("Entered by staff for the patient")

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="symptom_scores")
    occasion = models.CharField(max_length=10, choices=Occasion.choices)
    heaviness = _item(_("heaviness"))
    achiness = _item(_("achiness"))
    swelling = _item(_("swelling"))
    throbbing = _item(_("throbbing"))
    itching = _item(_("itching"))
    source = models.CharField(max_length=7, choices=Source.choices)
    # The patient's own account, or the staff member who typed the patient's answers.
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = SymptomScoreQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{item}__gte": ITEM_MIN, f"{item}__lte": ITEM_MAX}),
                    name=f"symptom_score_{item}_0_5",
                )
                for item in ITEMS
            ),
            models.CheckConstraint(condition=Q(occasion__in=Occasion.values), name="symptom_score_occasion_known"),
            models.CheckConstraint(condition=Q(source__in=["patient", "staff"]), name="symptom_score_source_known"),
        ]
        indexes = [
            # The chart's trend and the portal's "have you told us yet" check, for one patient.
            models.Index(fields=["patient", "recorded_at"], name="symptom_score_history"),
        ]

    def __str__(self) -> str:
        return f"Symptom score {self.total}/{TOTAL_MAX} for {self.patient} on {self.recorded_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SymptomScoreImmutable("Symptom scores are never rewritten; record a new one.")
        super().save(*args, **kwargs)

    @property
    def scores(self) -> dict[str, int]:
        return {item: getattr(self, item) for item in ITEMS}

    @property
    def total(self) -> int:
        return total(self.scores)

    @property
    def on_behalf(self) -> bool:
        return self.source == self.Source.STAFF


def total(scores: dict[str, int]) -> int:
    """HASTI total (0-25): the plain sum of the five items, as the VQI VVR reports it."""
    return sum(scores[item] for item in ITEMS)
