"""Which office and which days the dashboard shows."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms

from clinic.models import Office

# A longer range is a data export, not a dashboard; five years also bounds the query.
MAX_YEARS = 5


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


class DashboardFilterForm(forms.Form):
    office = forms.ModelChoiceField(
        queryset=Office.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All offices",
        error_messages={"invalid_choice": "Choose one of the offices in the list."},
    )
    first = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, offices: "forms.models.QuerySet[Office]", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                self.add_error("last", "The end date is before the start date.")
            elif last >= years_after(first, MAX_YEARS):
                self.add_error("last", f"Choose at most {MAX_YEARS} years; the end date is too far from the start.")
        return data


def default_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, today included."""
    return years_after(today, -1) + datetime.timedelta(days=1), today
