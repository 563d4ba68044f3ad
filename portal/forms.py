"""Portal forms: validate and normalise only. Labels are the patient's words, in their language."""

import datetime
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from clinic.dates import in_calendar
from clinic.validators import normalize_phone, validate_birth_date
from intake.models import Language, Patient
from intake.models.patients import ContactMethod
from portal.labels import translated
from scheduling.models import AppointmentType, OfficeBookingPolicy


def _helper(*layout: Any) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


# ---------------------------------------------------------------------------
# Accepting an invitation
# ---------------------------------------------------------------------------
class InvitationIdentityForm(forms.Form):
    """The first step of an invitation: the link alone opens nothing."""

    date_of_birth = forms.DateField(
        label=_("Your date of birth"),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("date_of_birth", Submit("check", _("Continue"), css_class="btn-vf"))


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("You will log in with this. Your email address works well."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    # The typed password comes back on an error so the patient can fix it instead of starting over.
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        help_text=_("At least 12 characters; not a common password, not all numbers, not like your name."),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
    )

    def __init__(self, *args: Any, patient: Patient, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.email = email
        self.helper = _helper("username", "password1", "password2", Submit("save", _("Create my login")))

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken; please choose another."))
        get_user_model().username_validator(username)
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords do not match."))
        elif first:
            # Checked against the person's own details, so "Garcia1961" is refused for María García.
            candidate = get_user_model()(
                username=data.get("username", ""),
                email=self.email,
                first_name=self.patient.first_name,
                last_name=self.patient.last_name,
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


# ---------------------------------------------------------------------------
# Booking
# ---------------------------------------------------------------------------
class BookingChoiceForm(forms.Form):
    """Which office and which kind of visit; the page then lists free times."""

    office = forms.ChoiceField(label=_("Office"))
    type = forms.ChoiceField(label=_("Visit"))

    def __init__(self, *args: Any, policies: list[OfficeBookingPolicy], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policies = {p.office.slug: p for p in policies}
        self.types = {t.code: t for p in policies for t in p.appointment_types.all()}
        self.fields["office"].choices = [(p.office.slug, p.office.name) for p in policies]
        self.fields["type"].choices = [(t.code, translated(t.name)) for t in sorted(self.types.values(), key=_order)]
        self.helper = _helper(
            Row(Column("office", css_class="col-sm-6"), Column("type", css_class="col-sm-6")),
            Submit("find", _("Show free times"), css_class="btn-vf"),
        )
        self.helper.form_method = "get"
        self.helper.disable_csrf = True

    def clean_office(self) -> OfficeBookingPolicy:
        return self.policies[self.cleaned_data["office"]]

    def clean_type(self) -> AppointmentType:
        return self.types[self.cleaned_data["type"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        policy, kind = data.get("office"), data.get("type")
        if policy and kind and kind not in policy.appointment_types.all():
            self.add_error("type", _("This office does not book this visit online; please call us."))
        return data


def _order(appointment_type: AppointmentType) -> tuple[int, str]:
    return appointment_type.sort_order, appointment_type.name


class TimeChoiceForm(forms.Form):
    """A chosen start time and a note for the clinic: booking, or asking to move a visit."""

    start = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("Anything we should know? (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, submit_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper("start", "note", Submit("book", submit_label, css_class="btn-vf w-100"))

    def clean_start(self) -> datetime.datetime:
        # After a lost race the page offers other times as radio buttons beside the (empty)
        # hidden field, so the chosen time is the last non-empty value posted.
        values = self.data.getlist("start") if hasattr(self.data, "getlist") else [self.cleaned_data["start"]]
        chosen = [v for v in values if v]
        start = parse_start(chosen[-1] if chosen else "")
        if start is None:
            raise forms.ValidationError(_("Please choose a time from the list."))
        return start


def parse_start(raw: str | None) -> datetime.datetime | None:
    """A time from a slot link: ISO 8601 with its offset, or nothing."""
    try:
        start = parse_datetime(raw or "")
    except ValueError:
        return None
    return start if start is not None and start.tzinfo is not None and in_calendar(start) else None


CANCEL_REASONS = [
    ("", _("Choose a reason")),
    ("feeling better", _("I feel better")),
    ("schedule conflict", _("The time no longer works for me")),
    ("transport", _("I cannot get there")),
    ("illness", _("I am unwell")),
    ("other", _("Another reason")),
]


class CancelForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you cancelling?"), choices=CANCEL_REASONS)
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "reason", "details", Submit("cancel", _("Cancel this appointment"), css_class="btn-danger")
        )

    def reason_text(self) -> str:
        details = self.cleaned_data.get("details", "").strip()
        reason = f"Patient (portal): {self.cleaned_data['reason']}"
        return f"{reason}. {details}" if details else reason


# ---------------------------------------------------------------------------
# Preferences and identity
# ---------------------------------------------------------------------------
class PreferencesForm(forms.ModelForm):
    may_text = forms.BooleanField(label=_("You may send me text messages (SMS)"), required=False)
    may_email = forms.BooleanField(label=_("You may email me"), required=False)

    class Meta:
        model = Patient
        fields = [
            "preferred_language",
            "preferred_contact",
            "phone",
            "email",
            "address_line1",
            "address_line2",
            "city",
            "state",
            "postal_code",
        ]
        labels = {
            "preferred_language": _("Language"),
            "preferred_contact": _("Best way to reach me"),
            "phone": _("Mobile or home phone"),
            "email": _("Email"),
            "address_line1": _("Address"),
            "address_line2": _("Address (line 2)"),
            "city": _("City"),
            "state": _("State"),
            "postal_code": _("ZIP code"),
        }
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = Language.choices
        self.fields["preferred_contact"].choices = ContactMethod.choices
        self.fields["may_text"].initial = self.instance.sms_consent
        self.fields["may_email"].initial = self.instance.email_consent
        self.helper = _helper(
            Fieldset(
                _("Reminders"),
                Row(
                    Column("preferred_language", css_class="col-sm-6"),
                    Column("preferred_contact", css_class="col-sm-6"),
                ),
                "may_text",
                "may_email",
            ),
            Fieldset(
                _("Contact details"),
                Row(Column("phone", css_class="col-sm-6"), Column("email", css_class="col-sm-6")),
                "address_line1",
                "address_line2",
                Row(
                    Column("city", css_class="col-sm-6"),
                    Column("state", css_class="col-4 col-sm-2"),
                    Column("postal_code", css_class="col-8 col-sm-4"),
                ),
            ),
            Submit("save", _("Save"), css_class="btn-vf"),
        )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean_state(self) -> str:
        state = self.cleaned_data["state"].strip().upper()
        if state and not (len(state) == 2 and state.isalpha()):
            raise forms.ValidationError(_("Use the two-letter state code, e.g. OR."))
        return state

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("may_email") and not data.get("email"):
            self.add_error("email", _("We need an email address to email you."))
        contact = data.get("preferred_contact")
        if contact == ContactMethod.SMS and not data.get("may_text"):
            self.add_error("may_text", _("To be reached by text, allow text messages."))
        if contact == ContactMethod.EMAIL and not (data.get("email") and data.get("may_email")):
            self.add_error("may_email", _("To be reached by email, give an address and allow email."))
        # Consent is dated here so the model's constraints hold (TCPA: the date of the first yes).
        self.instance.set_consents(sms=bool(data.get("may_text")), email=bool(data.get("may_email")))
        return data


class IdentityChangeForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        validators=[validate_birth_date],
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.helper = _helper(
            Row(Column("first_name", css_class="col-sm-6"), Column("last_name", css_class="col-sm-6")),
            "date_of_birth",
            Submit("send", _("Send to the front desk"), css_class="btn-vf"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("first_name", "last_name"):
            if name in data:
                data[name] = " ".join(data[name].split())
        if (
            data.get("first_name") == self.patient.first_name
            and data.get("last_name") == self.patient.last_name
            and data.get("date_of_birth") == self.patient.date_of_birth
        ):
            raise forms.ValidationError(_("These are the details we already have; nothing to change."))
        return data


# ---------------------------------------------------------------------------
# The front desk
# ---------------------------------------------------------------------------
class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    reason = forms.CharField(
        label="Reason (the patient reads this)", required=False, max_length=200, widget=forms.TextInput()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why, so the patient knows what to do next.")
        return data
