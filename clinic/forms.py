import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.models import AuditEntry, AuditEntryQuerySet


class LoginForm(AuthenticationForm):
    error_messages = {
        # Never say which half was wrong: that would confirm usernames to a guesser.
        "invalid_login": _("That username and password do not match an account. Both fields are case-sensitive."),
        "inactive": _("This account is inactive. Ask your clinic admin."),
    }


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(queryset=get_user_model().objects.order_by("username"), required=False)
    record_type = forms.ModelChoiceField(queryset=ContentType.objects.none(), required=False, label="Record type")
    object_pk = forms.CharField(required=False, label="Record id", max_length=64)
    action = forms.TypedChoiceField(
        choices=[("", "Any")] + list(AuditEntry.Action.choices), coerce=int, required=False, empty_value=None
    )
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs) -> None:
        from auditlog.registry import auditlog

        super().__init__(*args, **kwargs)
        # The audited models, from the registry: asking the trail which types it holds
        # would read every entry (a million on a busy clinic's first year).
        audited = ContentType.objects.get_for_models(*auditlog.get_models()).values()
        self.fields["record_type"].queryset = ContentType.objects.filter(pk__in=[ct.pk for ct in audited]).order_by(
            "app_label", "model"
        )
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date is before the start date.")
        if data.get("object_pk") and not data.get("record_type"):
            # A record id means something only with its type (and the index needs both).
            self.add_error("record_type", "Choose the record type of that record id.")
        return data

    def filter(self, entries: AuditEntryQuerySet) -> AuditEntryQuerySet:
        """The valid form's filters. Dates become a timestamp range (the clinic's local days),
        which the audit indexes can serve; ``timestamp__date`` could not."""
        data = self.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor=data["actor"])
        if data["record_type"]:
            entries = entries.filter(content_type=data["record_type"])
        if data["object_pk"]:
            entries = entries.filter(object_pk=data["object_pk"])
        if data["action"] is not None:
            entries = entries.filter(action=data["action"])
        if data["since"]:
            entries = entries.filter(timestamp__gte=_start_of(data["since"]))
        if data["until"] and data["until"] < datetime.date.max:
            entries = entries.filter(timestamp__lt=_start_of(data["until"] + datetime.timedelta(days=1)))
        return entries


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
