import datetime

from django import forms

from clinic.models import Office
from interop.fhir import registry

# Clinic policy: one export covers at most five years of records, so a single run stays a size an
# admin can download and a receiving system can load.
MAX_YEARS = 5


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class ExportForm(forms.Form):
    since = forms.DateField(
        label="First day", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Included."
    )
    until = forms.DateField(
        label="Last day", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Included."
    )

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if self.errors:
            return data
        if since and not until:
            self.add_error("until", "Give the last day too, or leave both dates empty to export every record.")
        elif until and not since:
            self.add_error("since", "Give the first day too, or leave both dates empty to export every record.")
        elif since and until:
            if until < since:
                self.add_error("until", "The last day is before the first day; swap them.")
            elif until > years_after(since, MAX_YEARS):
                self.add_error(
                    "until", f"One export covers at most {MAX_YEARS} years; split the range into shorter ones."
                )
        return data


class ApiClientForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="Who reads with this token, e.g. 'Regional HIE'.")
    resource_types = forms.MultipleChoiceField(label="May read", widget=forms.CheckboxSelectMultiple, choices=())
    all_offices = forms.BooleanField(label="Patients of every office", required=False)
    offices = forms.ModelMultipleChoiceField(
        queryset=Office.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only patients of these offices (preferred office, or a visit there).",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource_types"].choices = [(t, t) for t in registry.resource_types()]

    def clean_name(self) -> str:
        from interop.models import ApiClient

        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the client a name.")
        if ApiClient.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError("A client of that name exists already; choose another name.")
        return name

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("all_offices") and not data.get("offices") and "offices" not in self.errors:
            self.add_error("offices", "Choose the offices whose patients it may read, or every office.")
        return data
