"""The drug catalogue behind the cramp-cause summary: data an admin extends, not code."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from intake.drug_catalogue import drug_key


class Antithrombotic(models.TextChoices):
    """Whether a class thins the blood, and how (docs/clinical-rules.md, "Anticoagulants and antiplatelets")."""

    NO = "", "No"
    ANTICOAGULANT = "anticoagulant", "Anticoagulant"
    ANTIPLATELET = "antiplatelet", "Antiplatelet"


class DrugClass(models.Model):
    """A class of medicines the chart looks for: those listing leg cramps as a side effect
    (docs/clinical-rules.md, "Leg cramps") and the blood thinners a procedure must know of."""

    name = models.CharField(max_length=80, unique=True, help_text="As the physician reads it, e.g. statin.")
    note = models.CharField(max_length=300, blank=True, help_text="Shown beside a match on the chart.")
    antithrombotic = models.CharField(
        "blood thinner",
        max_length=13,
        choices=Antithrombotic.choices,
        blank=True,
        default=Antithrombotic.NO,
        help_text="Anticoagulant or antiplatelet: shown on the chart and as a warning on procedures, "
        "not as a cause of cramps.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "drug classes"
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="drug_class_name_not_empty"),
            models.CheckConstraint(
                condition=Q(antithrombotic__in=Antithrombotic.values), name="drug_class_antithrombotic_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DrugName(models.Model):
    """One name a patient may write for a medicine: the generic or a brand."""

    name = models.CharField(max_length=80, help_text='As written, e.g. "Lipitor" or "atorvastatin".')
    key = models.CharField(max_length=80, unique=True, editable=False)
    generic_name = models.CharField(max_length=80, help_text="The generic this name stands for.")
    drug_class = models.ForeignKey(DrugClass, on_delete=models.PROTECT, related_name="names")
    is_brand = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(key=""), name="drug_name_key_not_empty"),
            models.CheckConstraint(condition=~Q(generic_name=""), name="drug_name_generic_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.generic_name})" if self.is_brand else self.name

    def save(self, *args, **kwargs) -> None:
        self.key = drug_key(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        key = drug_key(self.name)
        if not key:
            raise ValidationError({"name": "A drug name needs at least one letter."})
        if DrugName.objects.filter(key=key).exclude(pk=self.pk).exists():
            raise ValidationError({"name": "This name is already in the catalogue (case and spacing are ignored)."})
