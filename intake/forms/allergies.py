"""Recording a patient's allergy on the chart."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from intake.models import Allergy, AllergyAgent, Patient


class AllergyForm(forms.ModelForm):
    class Meta:
        model = Allergy
        fields = ["agent", "other_name", "reaction", "severity"]
        labels = {"agent": "Allergic to", "other_name": "Other agent"}

    def __init__(self, *args, patient: Patient, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.instance.patient = patient
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Record allergy", css_class="btn-vf"))

    def clean_other_name(self) -> str:
        return " ".join((self.cleaned_data.get("other_name") or "").split())

    def clean(self) -> dict:
        data = super().clean()
        agent, name = data.get("agent"), data.get("other_name", "")
        if agent == AllergyAgent.OTHER and not name:
            self.add_error("other_name", "Name the agent the patient is allergic to.")
        elif agent and agent != AllergyAgent.OTHER and name:
            self.add_error("other_name", "Only an 'Other' allergy takes a name: choose 'Other' or clear this field.")
        elif agent:
            existing = Allergy.objects.filter(patient=self.patient, agent=agent)
            if agent == AllergyAgent.OTHER:
                existing = existing.filter(other_name__iexact=name)
            if existing.exists():
                self.add_error("agent", "This allergy is already on the chart.")
        return data
