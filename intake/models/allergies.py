"""Allergies a vein clinic must know before it injects, seals or numbs (docs/clinical-rules.md, "Allergies")."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from intake.models.patients import Patient


class AllergyAgent(models.TextChoices):
    # Each agent is in a product a vein clinic uses: the sclerosant of Varithena and
    # Asclera, the VenaSeal adhesive, the tumescent anaesthetic, gloves and dressings,
    # skin antiseptic (povidone-iodine) and contrast.
    POLIDOCANOL = "polidocanol", "Polidocanol (Varithena, Asclera)"
    CYANOACRYLATE = "cyanoacrylate", "Cyanoacrylate (VenaSeal adhesive)"
    LIDOCAINE = "lidocaine", "Lidocaine (tumescent anaesthesia)"
    LATEX = "latex", "Latex"
    ADHESIVE = "adhesive", "Adhesive tape or dressings"
    IODINE = "iodine", "Iodine (povidone-iodine, contrast)"
    OTHER = "other", "Other"


class AllergySeverity(models.TextChoices):
    MILD = "mild", "Mild (rash, itching)"
    MODERATE = "moderate", "Moderate (hives, swelling)"
    SEVERE = "severe", "Severe (anaphylaxis)"
    UNKNOWN = "unknown", "Not known"


class AllergyQuerySet(models.QuerySet):
    def for_patient(self, patient: Patient) -> "AllergyQuerySet":
        return self.filter(patient=patient).select_related("recorded_by").order_by("agent", "other_name")

    def visible_to(self, user: Any) -> "AllergyQuerySet":
        if user.has_perm("intake.view_allergy"):
            return self
        return self.none()


class Allergy(models.Model):
    """One allergy of one patient, as staff recorded it on the chart."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="allergies")
    agent = models.CharField(max_length=16, choices=AllergyAgent.choices)
    other_name = models.CharField(
        "name of the other agent", max_length=80, blank=True, help_text="Only for 'Other', e.g. 'chlorhexidine'."
    )
    reaction = models.CharField(max_length=200, blank=True, help_text="What happened, e.g. 'hives within minutes'.")
    severity = models.CharField(max_length=8, choices=AllergySeverity.choices, default=AllergySeverity.UNKNOWN)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AllergyQuerySet.as_manager()

    class Meta:
        ordering = ["agent", "other_name"]
        verbose_name_plural = "allergies"
        constraints = [
            models.CheckConstraint(condition=Q(agent__in=AllergyAgent.values), name="allergy_agent_known"),
            models.CheckConstraint(condition=Q(severity__in=AllergySeverity.values), name="allergy_severity_known"),
            models.CheckConstraint(
                condition=(Q(agent="other") & ~Q(other_name="")) | (~Q(agent="other") & Q(other_name="")),
                name="allergy_other_is_named",
            ),
            # One row per agent per patient; "other" agents once per name, whatever the case.
            models.UniqueConstraint(
                fields=["patient", "agent"], condition=~Q(agent="other"), name="allergy_one_per_agent"
            ),
            models.UniqueConstraint(
                "patient", Lower("other_name"), condition=Q(agent="other"), name="allergy_other_one_per_name"
            ),
        ]

    def __str__(self) -> str:
        return self.agent_name

    @property
    def agent_name(self) -> str:
        return self.other_name if self.agent == AllergyAgent.OTHER else AllergyAgent(self.agent).label

    @property
    def is_severe(self) -> bool:
        return self.severity == AllergySeverity.SEVERE

    def clean(self) -> None:
        self.other_name = self.other_name.strip()
        if self.agent == AllergyAgent.OTHER and not self.other_name:
            raise ValidationError({"other_name": "Name the agent the patient is allergic to."})
        if self.agent != AllergyAgent.OTHER and self.other_name:
            raise ValidationError({"other_name": "Only an 'Other' allergy takes a name; choose 'Other' or clear it."})
