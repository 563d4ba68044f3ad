"""The public online vein screening form, and the front desk's forms for working it."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.models import Office
from clinic.validators import normalize_phone
from intake.forms.answers import ANSWER_WIDGETS, DATE_WIDGET, AnswerFieldsMixin, answer_layout
from intake.models import ScreeningSubmission
from intake.models.answers import ANSWER_FIELDS
from intake.services import PatientMatch

CONTACT_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex_at_birth",
    "phone",
    "email",
    "preferred_office",
    "preferred_language",
)
CONSENT_FIELDS = ("consent_to_contact", "sms_consent", "email_consent")


class ScreeningForm(AnswerFieldsMixin, forms.ModelForm):
    # A field people never see (hidden by CSS, skipped by keyboard and screen
    # readers); bots that fill every input give themselves away.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "aria-hidden": "true"}),
    )

    class Meta:
        model = ScreeningSubmission
        fields = [*CONTACT_FIELDS, *ANSWER_FIELDS, *CONSENT_FIELDS]
        widgets = {
            **ANSWER_WIDGETS,
            "date_of_birth": DATE_WIDGET,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_answer_fields()
        self.fields["date_of_birth"].input_formats = ["%Y-%m-%d", "%m/%d/%Y"]
        office = self.fields["preferred_office"]
        office.queryset = Office.objects.filter(is_active=True).order_by("name")
        office.empty_label = _("No preference")
        self.fields["consent_to_contact"].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                Row(Column("first_name", css_class="col-sm-6"), Column("last_name", css_class="col-sm-6")),
                Row(Column("date_of_birth", css_class="col-sm-6"), Column("sex_at_birth", css_class="col-sm-6")),
                Row(Column("phone", css_class="col-sm-6"), Column("email", css_class="col-sm-6")),
                Row(
                    Column("preferred_office", css_class="col-sm-6"),
                    Column("preferred_language", css_class="col-sm-6"),
                ),
            ),
            *answer_layout(public=True),
            Fieldset(_("How we may reach you"), *CONSENT_FIELDS),
            Div("website", css_class="honeypot"),
            Submit("submit", _("Send my screening"), css_class="btn-vf btn-lg w-100 w-sm-auto"),
        )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data["last_name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_answers(data, born=data.get("date_of_birth"), sex=data.get("sex_at_birth"))
        if data.get("email_consent") and not data.get("email"):
            self.add_error("email", _("Please give an email address, or untick 'You may email me'."))
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ScreeningStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Outcome",
        choices=[
            (ScreeningSubmission.Status.CONTACTED, "Contacted"),
            (ScreeningSubmission.Status.DECLINED, "Declined"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What was said, e.g. 'Left voicemail' or 'Not interested; saw another clinic'.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Please write what happened.")
        return note


NEW_PATIENT = "new"


class ConvertForm(forms.Form):
    """Which chart the screening joins: an existing patient, or a new one."""

    target = forms.ChoiceField(label="Register as", widget=forms.RadioSelect)

    def __init__(self, *args: Any, matches: list[PatientMatch], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matches = {str(m.patient.pk): m for m in matches}
        choices = [
            (pk, f"Existing patient: {m.patient} (born {m.patient.date_of_birth:%m/%d/%Y})")
            for pk, m in self.matches.items()
        ]
        if not any(m.is_sure for m in matches):
            # A sure match is the same person: offering a new chart would make a duplicate.
            choices.append((NEW_PATIENT, "A new patient"))
        self.fields["target"].choices = choices
        if len(choices) == 1:
            self.fields["target"].initial = choices[0][0]

    def chosen_match(self) -> PatientMatch | None:
        return self.matches.get(self.cleaned_data["target"])
