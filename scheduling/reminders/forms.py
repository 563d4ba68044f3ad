"""The front desk's form for how a patient is reminded."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from intake.models import Language
from scheduling.models import ChannelChoice


class ReminderPreferencesForm(forms.Form):
    channels = forms.ChoiceField(label="Send reminders by", choices=ChannelChoice.choices)
    language = forms.ChoiceField(label="Language", choices=Language.choices)
    sms_opted_out = forms.BooleanField(
        label="Patient asked us to stop texting", required=False, help_text="As if they had replied STOP."
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("submit", "Save preferences", css_class="btn-vf"))
