"""The symptom questionnaire (HASTI): five symptoms rated 0-5, in the patient's words."""

from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from intake.models.symptoms import ITEM_MAX, ITEM_MIN, ITEMS, Occasion

QUESTIONS = {
    "heaviness": _("Heaviness: how heavy do your legs feel?"),
    "achiness": _("Achiness: how much do your legs ache?"),
    "swelling": _("Swelling: how swollen do your legs get?"),
    "throbbing": _("Throbbing: how much do your legs throb?"),
    "itching": _("Itching: how much do your legs itch?"),
}
ANSWER_NEEDED = _("Choose a number from 0 (not at all) to 5 (the worst).")


def _item_field(item: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=QUESTIONS[item],
        choices=[(n, str(n)) for n in range(ITEM_MIN, ITEM_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": ANSWER_NEEDED, "invalid_choice": ANSWER_NEEDED},
    )


class SymptomScoreForm(forms.Form):
    """The patient's five answers; the desk also says which questionnaire this is."""

    heaviness = _item_field("heaviness")
    achiness = _item_field("achiness")
    swelling = _item_field("swelling")
    throbbing = _item_field("throbbing")
    itching = _item_field("itching")

    def __init__(self, *args: Any, ask_occasion: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if ask_occasion:
            self.fields["occasion"] = forms.ChoiceField(
                label="Which questionnaire",
                choices=Occasion.choices,
                error_messages={
                    "required": "Say which questionnaire this is.",
                    "invalid_choice": "Choose one from the list.",
                },
            )
            self.order_fields(["occasion", *ITEMS])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*(["occasion"] if ask_occasion else []), *(InlineRadios(item) for item in ITEMS))

    def scores(self) -> dict[str, int]:
        return {item: self.cleaned_data[item] for item in ITEMS}
