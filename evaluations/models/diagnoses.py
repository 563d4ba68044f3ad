"""ICD-10-CM codes the clinic uses, and the diagnoses a physician confirms on a note."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q

from evaluations.models.locking import LockedQuerySet, LockedWhenSigned
from evaluations.models.notes import SIGNED_NOTE_MESSAGE, Evaluation, SignedNoteLocked
from evaluations.rules.icd10 import Laterality
from evaluations.rules.segments import Side

# ICD-10-CM: a letter, two characters, then up to four more after the dot (Official Guidelines I.A.1).
ICD10_CM_FORMAT = r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$"


class Icd10CodeQuerySet(models.QuerySet):
    def active(self) -> "Icd10CodeQuerySet":
        return self.filter(is_active=True)


class Icd10Code(models.Model):
    """One ICD-10-CM code the clinic codes with; an admin adds codes and retires old ones."""

    code = models.CharField(
        max_length=8,
        unique=True,
        validators=[RegexValidator(ICD10_CM_FORMAT, "Write the code as in the tabular list, e.g. I83.813.")],
        help_text="As printed in the ICD-10-CM tabular list, with its dot (I83.813).",
    )
    title = models.CharField(max_length=255, help_text="The code's title in the tabular list, word for word.")
    laterality = models.CharField(
        max_length=1, choices=Laterality.choices, blank=True, help_text="Which leg the code names, if any."
    )
    is_active = models.BooleanField(default=True, help_text="Retired codes stay on old notes but are not offered.")

    objects = Icd10CodeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "ICD-10-CM code"
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=ICD10_CM_FORMAT), name="icd10_code_format"),
            models.CheckConstraint(condition=Q(laterality__in=["R", "L", "B", ""]), name="icd10_laterality_valid"),
            models.CheckConstraint(condition=~Q(title=""), name="icd10_title_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def applies_to(self, side: str) -> bool:
        """Whether the code names ``side`` ("R" or "L"), itself or as one of both legs."""
        return self.laterality in (side, Laterality.BILATERAL)


class DiagnosisQuerySet(LockedQuerySet):
    def visible_to(self, user: Any) -> "DiagnosisQuerySet":
        return self.filter(evaluation__in=Evaluation.objects.visible_to(user))


class Diagnosis(LockedWhenSigned):
    """An ICD-10-CM code the physician confirmed on a note; signed with it, then never changed."""

    lock_parent = "evaluation"
    locked_message = SIGNED_NOTE_MESSAGE
    locked_error_class = SignedNoteLocked

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="diagnoses")
    code = models.ForeignKey(Icd10Code, on_delete=models.PROTECT, related_name="+")
    # Whether the rules suggested it (evaluations/rules/icd10.py) or the physician added it.
    suggested = models.BooleanField(default=False)

    objects = DiagnosisQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "code__code"]
        verbose_name_plural = "diagnoses"
        constraints = [models.UniqueConstraint(fields=["evaluation", "code"], name="diagnosis_once_per_note")]

    def __str__(self) -> str:
        return str(self.code)


def confirm_diagnoses(evaluation: Evaluation, codes: Iterable[Icd10Code], *, suggested: Iterable[str] = ()) -> None:
    """The note's diagnoses become exactly ``codes``; a signed note refuses (RecordLocked)."""
    if evaluation.is_signed:
        raise SignedNoteLocked()
    wanted = {c.pk: c for c in codes}
    suggested = set(suggested)
    with transaction.atomic():
        Diagnosis.objects.filter(evaluation=evaluation).exclude(code_id__in=wanted).delete()
        have = set(Diagnosis.objects.filter(evaluation=evaluation).values_list("code_id", flat=True))
        # One save each, not bulk_create: the audit trail records each confirmed code.
        for pk, code in wanted.items():
            if pk not in have:
                Diagnosis.objects.create(evaluation=evaluation, code=code, suggested=code.code in suggested)


def by_leg(diagnoses: Iterable[Diagnosis]) -> list[tuple[str, list[Diagnosis]]]:
    """("Right leg", [...]), ("Left leg", [...]), ("Not leg-specific", [...]); a bilateral code on both legs."""
    diagnoses = list(diagnoses)
    groups = [
        (f"{Side(side).label} leg", [d for d in diagnoses if d.code.applies_to(side)])
        for side in (Side.RIGHT, Side.LEFT)
    ]
    groups.append(("Not leg-specific", [d for d in diagnoses if not d.code.laterality]))
    return [(label, items) for label, items in groups if items]


def check_code_exists(text: str) -> Icd10Code:
    """The active code ``text`` names, or a ValidationError in the physician's words."""
    normalised = text.strip().upper()
    code = Icd10Code.objects.filter(code=normalised).first()
    if code is None:
        raise ValidationError(f"{text.strip()} is not an ICD-10-CM code in the clinic's list; check it and retype it.")
    if not code.is_active:
        raise ValidationError(f"{code.code} has been retired from the clinic's list; choose its replacement.")
    return code
