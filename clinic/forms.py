from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from clinic.models import AuditEntry


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
        super().__init__(*args, **kwargs)
        used = AuditEntry.objects.values("content_type").distinct()
        self.fields["record_type"].queryset = ContentType.objects.filter(pk__in=used).order_by("app_label", "model")
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date is before the start date.")
        return data
