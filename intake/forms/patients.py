"""Registering and editing patients, searching the registry, recording an intake."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.models import Office
from clinic.validators import normalize_phone
from intake.forms.answers import ANSWER_WIDGETS, DATE_WIDGET, AnswerFieldsMixin, answer_layout
from intake.models import IntakeRecord, Patient
from intake.models.answers import ANSWER_FIELDS
from intake.models.patients import ContactMethod


class PatientSearchForm(forms.Form):
    q = forms.CharField(
        label="Find a patient",
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": "Last name, 'smith, jo', 03/14/1961 or phone", "autofocus": True, "type": "search"}
        ),
    )


class PatientForm(forms.ModelForm):
    may_text = forms.BooleanField(label="May text (SMS consent)", required=False)
    may_email = forms.BooleanField(label="May email", required=False)

    class Meta:
        model = Patient
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "date_of_birth",
            "sex_at_birth",
            "phone",
            "email",
            "address_line1",
            "address_line2",
            "city",
            "state",
            "postal_code",
            "preferred_office",
            "preferred_language",
            "preferred_contact",
            "insurance_payer",
            "insurance_member_id",
            "emergency_contact_name",
            "emergency_contact_phone",
            "emergency_contact_relation",
        ]
        widgets = {
            "date_of_birth": DATE_WIDGET,
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "emergency_contact_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].input_formats = ["%Y-%m-%d", "%m/%d/%Y"]
        self.fields["preferred_office"].queryset = Office.objects.filter(is_active=True).order_by("name")
        self.fields["may_text"].initial = self.instance.sms_consent
        self.fields["may_email"].initial = self.instance.email_consent
        self.helper = FormHelper()
        self.helper.form_tag = False
        half = "col-sm-6"
        self.helper.layout = Layout(
            Fieldset(
                "Demographics",
                Row(Column("first_name", css_class=half), Column("last_name", css_class=half)),
                Row(Column("preferred_name", css_class=half), Column("date_of_birth", css_class=half)),
                "sex_at_birth",
            ),
            Fieldset(
                "Contact",
                Row(Column("phone", css_class=half), Column("email", css_class=half)),
                "address_line1",
                "address_line2",
                Row(
                    Column("city", css_class="col-sm-6"),
                    Column("state", css_class="col-4 col-sm-2"),
                    Column("postal_code", css_class="col-8 col-sm-4"),
                ),
                Row(Column("preferred_office", css_class=half), Column("preferred_language", css_class=half)),
                "preferred_contact",
                "may_text",
                "may_email",
            ),
            Fieldset(
                "Insurance",
                Row(Column("insurance_payer", css_class=half), Column("insurance_member_id", css_class=half)),
            ),
            Fieldset(
                "Emergency contact",
                Row(
                    Column("emergency_contact_name", css_class="col-sm-5"),
                    Column("emergency_contact_phone", css_class="col-sm-4"),
                    Column("emergency_contact_relation", css_class="col-sm-3"),
                ),
            ),
            Submit("save", "Save patient", css_class="btn-vf"),
        )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean_emergency_contact_phone(self) -> str:
        value = self.cleaned_data["emergency_contact_phone"]
        return normalize_phone(value) if value else ""

    def clean_state(self) -> str:
        state = self.cleaned_data["state"].strip().upper()
        if state and not (len(state) == 2 and state.isalpha()):
            raise forms.ValidationError("Use the two-letter state code, e.g. OR.")
        return state

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("may_email") and not data.get("email"):
            self.add_error("email", "Email consent needs an email address.")
        contact = data.get("preferred_contact")
        if contact == ContactMethod.SMS and not data.get("may_text"):
            self.add_error("preferred_contact", "Texting needs the patient's SMS consent (tick 'May text').")
        if contact == ContactMethod.EMAIL and not data.get("email"):
            self.add_error("preferred_contact", "Email needs an email address.")
        # Dated here so the model's consent constraints hold when it is validated.
        self.instance.set_consents(sms=bool(data.get("may_text")), email=bool(data.get("may_email")))
        return data


class IntakeForm(AnswerFieldsMixin, forms.ModelForm):
    """The intake questionnaire. Staff use it now; the portal shows the same form to patients."""

    class Meta:
        model = IntakeRecord
        fields = list(ANSWER_FIELDS)
        widgets = ANSWER_WIDGETS

    def __init__(self, *args: Any, patient: Patient, public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        self._init_answer_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *answer_layout(public=public),
            Submit("save", _("Save answers"), css_class="btn-vf"),
        )

    def _post_clean(self) -> None:
        # The record belongs to this patient; set before the model validates itself.
        self.instance.patient = self.patient
        super()._post_clean()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.check_answers(data, born=self.patient.date_of_birth, sex=self.patient.sex_at_birth)
        return data
