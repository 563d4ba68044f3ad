"""Forms validate and normalise; the booking service decides."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import QuerySet
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from clinic.models import Office, StaffProfile
from scheduling.exceptions import BookingRefused
from scheduling.models import AppointmentType, Availability, AvailabilityException, ProviderRole, WaitlistEntry
from scheduling.wall_time import office_wall_time

MAX_SEARCH_DAYS = 31
ANY_OFFICE = "any"


def _helper(label: str, method: str = "post") -> FormHelper:
    helper = FormHelper()
    helper.form_method = method
    helper.add_input(Submit("submit", label, css_class="btn-vf"))
    return helper


class SlotSearchForm(forms.Form):
    type = forms.ModelChoiceField(
        label="Appointment type", queryset=AppointmentType.objects.active(), to_field_name="code"
    )
    office = forms.ChoiceField(label="Office", required=False)
    first_day = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(
        label="Days to search", min_value=1, max_value=MAX_SEARCH_DAYS, initial=14, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        offices = list(Office.objects.filter(is_active=True).values_list("slug", "name"))
        self.fields["office"].choices = [(ANY_OFFICE, "Any office"), *offices]
        self.helper = _helper("Find free slots", method="get")
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_first_day(self) -> datetime.date:
        day = self.cleaned_data.get("first_day") or timezone.localdate()
        if day < timezone.localdate() - datetime.timedelta(days=1):
            raise forms.ValidationError("Search from today onwards.")
        return day

    def clean_days(self) -> int:
        return self.cleaned_data.get("days") or 14

    def offices(self) -> list[Office] | None:
        slug = self.cleaned_data.get("office") or ANY_OFFICE
        if slug == ANY_OFFICE:
            return None
        return list(Office.objects.filter(slug=slug, is_active=True))


class OfficeTimeField(forms.DateTimeField):
    """A start as typed: with an offset it is that instant; without one it stays a wall-clock
    time that the form reads in the chosen office's zone (Django's field would read it in
    the server's, so "09:00" at a New York office became noon there)."""

    def to_python(self, value: object) -> datetime.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return parsed or BaseTemporalField.to_python(self, value)


class OfficeTimeMixin:
    """Reads a naive ``start`` in the office's zone; a time the clocks skip or repeat there is an error."""

    def clean(self) -> dict:
        data = super().clean()  # type: ignore[misc]
        start, office = data.get("start"), data.get("office")
        if start is not None and office is not None and timezone.is_naive(start):
            try:
                data["start"] = office_wall_time(start, office.zone)
            except BookingRefused as refused:
                # The start travels in a hidden field, so the reason goes at the top of the form.
                self.add_error(None, refused.message)  # type: ignore[attr-defined]
        return data


class BookingForm(OfficeTimeMixin, forms.Form):
    """The chosen slot, carried through the confirmation page; the service re-checks all of it."""

    type = forms.ModelChoiceField(queryset=AppointmentType.objects.active(), to_field_name="code")
    office = forms.ModelChoiceField(queryset=Office.objects.filter(is_active=True), to_field_name="slug")
    start = OfficeTimeField(input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"])
    provider = forms.ModelChoiceField(queryset=StaffProfile.objects.all(), required=False)
    room = forms.IntegerField(required=False, min_value=1)
    notes = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(forms.Form):
    reason = forms.CharField(label="Reason for cancelling", max_length=200, strip=True)


class RescheduleForm(OfficeTimeMixin, forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.filter(is_active=True), to_field_name="slug")
    start = BookingForm.base_fields["start"]
    provider = forms.ModelChoiceField(queryset=StaffProfile.objects.all(), required=False)
    room = forms.IntegerField(required=False, min_value=1)
    reason = forms.CharField(required=False, max_length=200)


class PatientSearchForm(forms.Form):
    q = forms.CharField(label="Find patient (name or phone)", min_length=2, max_length=80)


class WaitlistForm(forms.ModelForm):
    class Meta:
        model = WaitlistEntry
        fields = ["appointment_type", "office", "earliest", "latest", "note"]
        widgets = {
            "earliest": forms.DateInput(attrs={"type": "date"}),
            "latest": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"office": "Office (empty: any)"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appointment_type"].queryset = AppointmentType.objects.active()
        self.fields["office"].queryset = Office.objects.filter(is_active=True)
        self.helper = _helper("Add to waitlist")

    def clean(self) -> dict:
        data = super().clean()
        earliest, latest = data.get("earliest"), data.get("latest")
        if earliest and latest and latest < earliest:
            self.add_error("latest", "The last day cannot be before the first.")
        if latest and latest < timezone.localdate():
            self.add_error("latest", "This range is already over.")
        return data


def provider_choices() -> "QuerySet[StaffProfile]":
    return (
        StaffProfile.objects.filter(user__groups__name__in=ProviderRole.values, user__is_active=True)
        .select_related("user")
        .distinct()
    )


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = Availability
        fields = ["provider", "office", "weekday", "start_time", "end_time", "valid_from", "valid_to"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = provider_choices()
        self.helper = _helper("Add weekly session")
        self.helper.form_action = "?form=weekly"


class AvailabilityExceptionForm(forms.ModelForm):
    class Meta:
        model = AvailabilityException
        fields = ["kind", "provider", "office", "date", "end_date", "start_time", "end_time", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = provider_choices()
        self.fields["end_date"].required = False
        self.helper = _helper("Add exception")
        self.helper.form_action = "?form=exception"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date") and not data.get("end_date"):
            data["end_date"] = data["date"]
            self.instance.end_date = data["date"]
        return data


class CalendarJumpForm(forms.Form):
    """The day view's office and date pickers: a plain GET form, so it works from the keyboard
    and without script. No office means the all-offices overview of that day."""

    office = forms.ModelChoiceField(
        queryset=Office.objects.none(), required=False, empty_label="All offices", to_field_name="slug"
    )
    day = forms.DateField(required=False, label="Date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, offices: QuerySet[Office], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        # The field keeps a copy of the queryset (and queries it afresh); the picker reads this one,
        # so a view that has already read the offices (the day view, for its own) reads them once.
        self.offices = offices

    @property
    def office_choices(self) -> list[tuple[object, str]]:
        """The office picker's options as the field's choices give them (its empty label, then each
        office's slug and label), from the offices given: none fetched again if they were read."""
        field = self.fields["office"]
        offices = [(field.prepare_value(o), field.label_from_instance(o)) for o in self.offices]
        return [("", field.empty_label), *offices]
