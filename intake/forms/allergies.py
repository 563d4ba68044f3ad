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
        # Whether "Other" is named is the model's rule (Allergy.clean); here only the duplicate.
        agent, name = data.get("agent"), data.get("other_name", "")
        if agent and (agent != AllergyAgent.OTHER or name):
            existing = Allergy.objects.filter(patient=self.patient, agent=agent)
            if agent == AllergyAgent.OTHER:
                existing = existing.filter(other_name__iexact=name)
            if existing.exists():
                self.add_error("agent", "This allergy is already on the chart.")
        return data
