"""The answers a screening and an intake questionnaire share.

A public screening and a staff- or patient-entered questionnaire ask the same
clinical questions (docs/clinical-rules.md, "Symptoms of venous disease" and "Leg cramps"), so both models
inherit one abstract set of fields. Converting a screening copies them field by
field into the patient's first intake record: nothing is typed twice.
"""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intake.validators import ChoiceListValidator, labels_for


class Side(models.TextChoices):
    NONE = "none", _("No")
    LEFT = "left", _("Left leg")
    RIGHT = "right", _("Right leg")
    BOTH = "both", _("Both legs")

    @classmethod
    def covers(cls, value: str, leg: str) -> bool:
        """Whether an answer of ``value`` includes ``leg`` ("left" or "right")."""
        return value == cls.BOTH or value == leg


LEGS = (Side.LEFT.value, Side.RIGHT.value)


class CrampDuration(models.TextChoices):
    # Most cramps last from a few seconds to about 10 minutes (docs/clinical-rules.md, "Leg cramps");
    # longer than that is unusual and worth a look.
    SECONDS = "seconds", _("A few seconds")
    ABOUT_A_MINUTE = "minute", _("About a minute")
    UP_TO_TEN = "minutes", _("A few minutes, up to 10")
    OVER_TEN = "over_10", _("Over 10 minutes")


class CrampLocation(models.TextChoices):
    CALF = "calf", _("Calf")
    THIGH = "thigh", _("Thigh")
    FOOT = "foot", _("Foot")


class Condition(models.TextChoices):
    # Linked to cramps (docs/clinical-rules.md, "Leg cramps"). Pregnancy and smoking have their own questions.
    KIDNEY_FAILURE = "kidney_failure", _("Kidney failure or kidney disease")
    ADDISONS = "addisons", _("Addison's disease")
    TYPE_2_DIABETES = "type2_diabetes", _("Type 2 diabetes")
    THYROID = "thyroid", _("Thyroid disorder")
    ALCOHOL = "alcohol", _("Alcohol overuse")
    LIVER = "liver", _("Cirrhosis or liver disease")
    VASCULAR = "vascular", _("Vascular (artery) disease")
    SARCOIDOSIS = "sarcoidosis", _("Sarcoidosis")
    HIGH_CHOLESTEROL = "cholesterol", _("High cholesterol")
    LOW_MUSCLE_MASS = "low_muscle", _("Loss of muscle mass")
    # Not a cramp cause, but a clot history changes how swelling is read (Wells score).
    PREVIOUS_DVT = "previous_dvt", _("A blood clot in a leg (DVT) in the past")


class Pregnancy(models.TextChoices):
    NO = "no", _("No")
    YES = "yes", _("Yes")
    UNSURE = "unsure", _("Not sure")
    NOT_APPLICABLE = "na", _("Does not apply to me")


class Smoking(models.TextChoices):
    NEVER = "never", _("Never smoked")
    FORMER = "former", _("Used to smoke")
    CURRENT = "current", _("Smoke now")


class PriorTreatment(models.TextChoices):
    SCLEROTHERAPY = "sclerotherapy", _("Sclerotherapy (injections)")
    ABLATION = "ablation", _("Radiofrequency or laser ablation")
    VENASEAL = "venaseal", _("VenaSeal (vein glue)")
    VARITHENA = "varithena", _("Varithena (foam)")
    SURGERY = "surgery", _("Vein stripping or phlebectomy")
    OTHER = "other", _("Other vein treatment")


class CompressionUse(models.TextChoices):
    NEVER = "never", _("Never")
    PAST = "past", _("In the past")
    CURRENT = "current", _("Yes, now")


class CompressionClass(models.TextChoices):
    # Stockings are prescribed at 20-30 or 30-40 mmHg (docs/clinical-rules.md, "Treatments");
    # 15-20 is the over-the-counter class, 40-50 the strongest made.
    MILD = "15-20", _("15-20 mmHg (over the counter)")
    MODERATE = "20-30", _("20-30 mmHg")
    FIRM = "30-40", _("30-40 mmHg")
    EXTRA_FIRM = "40-50", _("40-50 mmHg")
    UNKNOWN = "unknown", _("I don't know the strength")


def sided(label: str) -> models.CharField:
    return models.CharField(label, max_length=5, choices=Side.choices, default=Side.NONE)


# Per-leg findings, in the order the form asks them. The first ones are the
# symptoms of venous disease a clinic asks about (the four skin signs near the ankle
# are the CEAP 2020 C4 signs: pigmentation and eczema C4a, lipodermatosclerosis C4b,
# corona phlebectatica C4c); the last three are the clot signs the triage reads
# (docs/clinical-rules.md, "Symptoms of venous disease" and "Triage").
SYMPTOM_FIELDS = (
    "cramps",
    "swelling",
    "heaviness",
    "itching",
    "varicose_veins",
    "skin_discoloration",
    "skin_hardening",
    "skin_eczema",
    "ankle_vein_fan",
    "restlessness",
    "open_ulcer",
    "healed_ulcer",
    "bleeding",
)
CLOT_SIGN_FIELDS = ("leg_pain", "redness", "warmth")
SIDED_FIELDS = SYMPTOM_FIELDS + CLOT_SIGN_FIELDS

CRAMP_FIELDS = (
    "cramps_at_night",
    "cramps_at_rest",
    "cramps_with_exercise",
    "cramps_per_week",
    "cramp_duration",
    "cramp_locations",
)
HISTORY_FIELDS = (
    "conditions",
    "other_conditions",
    "medications",
    "pregnancy",
    "pregnancy_weeks",
    "smoking",
    "prolonged_standing",
    "prolonged_sitting",
    "hard_floors",
    "prior_treatments",
    "prior_treatment_notes",
    "compression_use",
    "compression_class",
    "compression_since",
)
URGENT_FIELDS = ("swelling_sudden", "ulcer_infection_signs", "chest_pain", "short_of_breath")
# Every answer a screening carries into the patient's first intake record.
ANSWER_FIELDS = SIDED_FIELDS + URGENT_FIELDS + CRAMP_FIELDS + HISTORY_FIELDS


class AnswerSet(models.Model):
    cramps = sided(_("Leg cramps or spasms"))
    swelling = sided(_("Swelling"))
    heaviness = sided(_("Heaviness or tightness"))
    itching = sided(_("Itching or tingling"))
    varicose_veins = sided(_("Varicose (bulging) veins"))
    skin_discoloration = sided(_("Skin discoloration near the ankle"))
    # CEAP 2020 C4b, lipodermatosclerosis, in the patient's words.
    skin_hardening = sided(_("Hard, tight or thickened skin near the ankle"))
    # CEAP 2020 C4a, eczema.
    skin_eczema = sided(_("Itchy, red, scaly or weeping skin near the ankle (eczema)"))
    # CEAP 2020 C4c, corona phlebectatica.
    ankle_vein_fan = sided(_("A fan of many small veins at the inner or outer ankle"))
    restlessness = sided(_("Restlessness or urge to move the legs"))
    open_ulcer = sided(_("An open sore (ulcer) on the leg"))
    healed_ulcer = sided(_("A healed ulcer (scar of an old sore)"))
    bleeding = sided(_("Bleeding from a vein"))
    leg_pain = sided(_("Severe pain or tenderness"))
    redness = sided(_("Redness of the skin"))
    warmth = sided(_("Skin warm to the touch"))

    swelling_sudden = models.BooleanField(_("The swelling started suddenly, in the last few days"), default=False)
    ulcer_infection_signs = models.BooleanField(
        _("A sore shows signs of infection: pus, spreading redness or fever"), default=False
    )
    chest_pain = models.BooleanField(_("Chest pain"), default=False)
    short_of_breath = models.BooleanField(_("Shortness of breath"), default=False)

    cramps_at_night = models.BooleanField(_("Cramps at night"), default=False)
    cramps_at_rest = models.BooleanField(_("Cramps while resting"), default=False)
    cramps_with_exercise = models.BooleanField(_("Cramps during or after exercise"), default=False)
    cramps_per_week = models.PositiveSmallIntegerField(
        _("Cramps per week"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100, _("Please enter a number of cramps per week up to 100."))],
    )
    cramp_duration = models.CharField(
        _("How long a cramp lasts"), max_length=10, choices=CrampDuration.choices, blank=True
    )
    cramp_locations = models.JSONField(
        _("Where the cramps are"), default=list, blank=True, validators=[ChoiceListValidator(CrampLocation)]
    )

    conditions = models.JSONField(
        _("Conditions"), default=list, blank=True, validators=[ChoiceListValidator(Condition)]
    )
    other_conditions = models.TextField(_("Other conditions"), blank=True, max_length=2000)
    medications = models.TextField(
        _("Medications"), blank=True, max_length=4000, help_text=_("One per line, as written on the label.")
    )
    pregnancy = models.CharField(_("Pregnant now"), max_length=6, choices=Pregnancy.choices, default=Pregnancy.NO)
    pregnancy_weeks = models.PositiveSmallIntegerField(
        _("Weeks pregnant"),
        null=True,
        blank=True,
        # A pregnancy lasts up to about 42 weeks.
        validators=[MinValueValidator(1), MaxValueValidator(42, _("A pregnancy lasts up to 42 weeks."))],
    )
    smoking = models.CharField(_("Smoking"), max_length=7, choices=Smoking.choices, default=Smoking.NEVER)
    prolonged_standing = models.BooleanField(_("I stand for long periods (work or home)"), default=False)
    prolonged_sitting = models.BooleanField(_("I sit for long periods"), default=False)
    hard_floors = models.BooleanField(_("I work on hard floors such as concrete"), default=False)

    prior_treatments = models.JSONField(
        _("Earlier vein treatment"), default=list, blank=True, validators=[ChoiceListValidator(PriorTreatment)]
    )
    prior_treatment_notes = models.CharField(_("When and where"), max_length=300, blank=True)
    compression_use = models.CharField(
        _("Compression stockings"), max_length=7, choices=CompressionUse.choices, default=CompressionUse.NEVER
    )
    compression_class = models.CharField(
        _("Stocking strength"), max_length=7, choices=CompressionClass.choices, blank=True
    )
    compression_since = models.DateField(_("Wearing them since"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(pregnancy_weeks__isnull=True) | Q(pregnancy="yes"),
                name="%(app_label)s_%(class)s_weeks_only_if_pregnant",
            ),
            models.CheckConstraint(
                condition=~Q(compression_use="never") | (Q(compression_class="") & Q(compression_since__isnull=True)),
                name="%(app_label)s_%(class)s_compression_details_only_if_worn",
            ),
            models.CheckConstraint(
                condition=Q(cramps_per_week__isnull=True) | Q(cramps_per_week__lte=100),
                name="%(app_label)s_%(class)s_cramps_per_week_plausible",
            ),
        ]

    # -- reading the answers -------------------------------------------------

    def symptoms_on(self, leg: str) -> list[str]:
        """Labels of the symptoms and clot signs reported on one leg."""
        return [str(self._meta.get_field(f).verbose_name) for f in SIDED_FIELDS if Side.covers(getattr(self, f), leg)]

    @property
    def symptoms_on_left(self) -> list[str]:
        return self.symptoms_on(Side.LEFT)

    @property
    def symptoms_on_right(self) -> list[str]:
        return self.symptoms_on(Side.RIGHT)

    def symptom_count(self, leg: str) -> int:
        return sum(Side.covers(getattr(self, f), leg) for f in SYMPTOM_FIELDS)

    def answer_text(self, field: str) -> str:
        """One answer as a clinician reads it: "Swelling: Left leg"."""
        model_field = self._meta.get_field(field)
        value: Any = getattr(self, field)
        if isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif field == "cramp_locations":
            shown = ", ".join(labels_for(CrampLocation, value))
        elif field == "conditions":
            shown = ", ".join(labels_for(Condition, value))
        elif field == "prior_treatments":
            shown = ", ".join(labels_for(PriorTreatment, value))
        elif model_field.choices:
            shown = getattr(self, f"get_{field}_display")()
        else:
            shown = str(value) if value not in (None, "") else "—"
        return f"{model_field.verbose_name}: {shown}"

    def answer_sections(self) -> list[tuple[str, list[str]]]:
        """Every answer, grouped as the form asks them, for read-only pages."""
        return [
            (str(title), [self.answer_text(f) for f in fields])
            for title, fields in (
                (_("Legs"), SIDED_FIELDS),
                (_("Urgent questions"), URGENT_FIELDS),
                (_("Cramps"), CRAMP_FIELDS),
                (_("History"), HISTORY_FIELDS),
            )
        ]

    def medication_lines(self) -> list[str]:
        return [line.strip() for line in self.medications.splitlines() if line.strip()]

    def answers(self) -> dict[str, Any]:
        """Every shared answer, ready to copy onto another AnswerSet."""
        return {field: getattr(self, field) for field in ANSWER_FIELDS}
