from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from clinic.signin import lockout


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autocapitalize": "none", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """A wrong current password counts toward the log-in lock-out (django-axes)."""

    def __init__(self, user: Any, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            if self.request is not None:
                lockout.record_failure(self.request, self.user)
            raise
