"""What the screening form and the intake questionnaire share: widgets, layout, checks."""

from datetime import date
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import HTML, Column, Fieldset, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models import Condition, CrampLocation, Pregnancy, PriorTreatment
from intake.models.answers import ANSWER_FIELDS, CLOT_SIGN_FIELDS, SIDED_FIELDS, SYMPTOM_FIELDS, CompressionUse, Side
from intake.models.patients import Patient

# Past this age a "yes" to pregnancy is far likelier a slip of the finger.
PREGNANCY_RECHECK_AGE = 60

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def choice_list(choices: Any, label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


ANSWER_WIDGETS: dict[str, forms.Widget] = {
    **dict.fromkeys(SIDED_FIELDS, forms.RadioSelect),
    "cramps_per_week": forms.NumberInput(attrs={"min": 0, "max": 100}),
    "other_conditions": forms.Textarea(attrs={"rows": 2}),
    "medications": forms.Textarea(attrs={"rows": 4, "placeholder": "Lipitor 20 mg\nLasix 40 mg"}),
    "pregnancy_weeks": forms.NumberInput(attrs={"min": 1, "max": 42}),
    "compression_since": DATE_WIDGET,
}


class AnswerFieldsMixin(forms.Form):
    """Multiple-choice answers as checkboxes, and the checks that catch contradictions."""

    cramp_locations = choice_list(CrampLocation, _("Where the cramps are"))
    conditions = choice_list(Condition, _("Do you have any of these conditions?"))
    prior_treatments = choice_list(PriorTreatment, _("Earlier vein treatment"))

    def _init_answer_fields(self) -> None:
        for name in SIDED_FIELDS:
            field = self.fields[name]
            field.choices = Side.choices
            field.required = True
        if "compression_since" in self.fields:
            self.fields["compression_since"].input_formats = ["%Y-%m-%d", "%m/%d/%Y"]

    def check_answers(self, data: dict[str, Any], *, born: date | None, sex: str | None) -> None:
        """Errors next to the answer that contradicts another one."""
        pregnancy = data.get("pregnancy")
        if pregnancy == Pregnancy.YES and sex == Patient.Sex.MALE:
            self.add_error("pregnancy", _("You told us your sex at birth is male; please check this answer."))
        elif pregnancy == Pregnancy.YES and born and _age_on(born, timezone.localdate()) >= PREGNANCY_RECHECK_AGE:
            self.add_error("pregnancy", _("Please check this answer against the date of birth."))
        if data.get("pregnancy_weeks") and pregnancy != Pregnancy.YES:
            self.add_error("pregnancy_weeks", _("Weeks of pregnancy only apply if you are pregnant now."))

        if data.get("compression_use") == CompressionUse.NEVER and (
            data.get("compression_class") or data.get("compression_since")
        ):
            self.add_error("compression_use", _("You gave stocking details; please say when you wore them."))
        since = data.get("compression_since")
        if since and since > timezone.localdate():
            self.add_error("compression_since", _("This date is in the future."))
        elif since and born and since < born:
            self.add_error("compression_since", _("This date is before the date of birth."))

        if data.get("swelling_sudden") and data.get("swelling") == Side.NONE:
            self.add_error("swelling_sudden", _("You said neither leg is swollen; please check."))
        if data.get("ulcer_infection_signs") and data.get("open_ulcer") == Side.NONE:
            self.add_error("ulcer_infection_signs", _("You said there is no open sore; please check."))

    def answer_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ANSWER_FIELDS if name in self.cleaned_data}


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def answer_layout(*, public: bool) -> list:
    """The questionnaire's sections, worded for the patient or for staff."""
    you = _("you") if public else _("the patient")
    return [
        Fieldset(
            _("Your legs") if public else _("Legs"),
            HTML(
                '<p class="form-text">{}</p>'.format(
                    _("For each, choose the leg where %(who)s notice it, or No.") % {"who": you}
                )
            ),
            *(InlineRadios(name) for name in SYMPTOM_FIELDS),
            HTML('<p class="form-text mt-3">{}</p>'.format(_("Signs of a possible blood clot:"))),
            *(InlineRadios(name) for name in CLOT_SIGN_FIELDS),
            "swelling_sudden",
            "ulcer_infection_signs",
        ),
        Fieldset(
            _("Chest and breathing"),
            HTML('<p class="form-text">{}</p>'.format(_("Tick only what is happening now or in the last day."))),
            "chest_pain",
            "short_of_breath",
        ),
        Fieldset(
            _("Cramps"),
            "cramps_at_night",
            "cramps_at_rest",
            "cramps_with_exercise",
            Row(Column("cramps_per_week", css_class="col-sm-6"), Column("cramp_duration", css_class="col-sm-6")),
            "cramp_locations",
        ),
        Fieldset(
            _("Health and medications"),
            "conditions",
            "other_conditions",
            "medications",
            Row(Column("pregnancy", css_class="col-sm-6"), Column("pregnancy_weeks", css_class="col-sm-6")),
            "smoking",
        ),
        Fieldset(_("Daily life"), "prolonged_standing", "prolonged_sitting", "hard_floors"),
        Fieldset(
            _("Earlier treatment"),
            "prior_treatments",
            "prior_treatment_notes",
            "compression_use",
            Row(Column("compression_class", css_class="col-sm-6"), Column("compression_since", css_class="col-sm-6")),
        ),
    ]
