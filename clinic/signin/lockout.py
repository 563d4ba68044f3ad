"""Wrong second-factor codes and wrong old passwords count toward django-axes' lock-out.

Axes counts failed password log-ins per (username, address). A wrong code at the
second step, or a wrong current password on the change-password form, is the
same kind of guess, so it is reported to axes exactly as a failed log-in is
(Django's user_login_failed signal), and the same lock then stops both.
"""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse


def _credentials(user: Any) -> dict[str, str]:
    return {"username": user.get_username()}


def record_failure(request: HttpRequest, user: Any) -> None:
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)


def is_locked(request: HttpRequest, user: Any) -> bool:
    return AxesProxyHandler.is_locked(request, _credentials(user))


def locked_out(request: HttpRequest, user: Any) -> HttpResponse:
    """Sign the half-signed-in session out and show the lock-out page (429)."""
    credentials = _credentials(user)
    logout(request)
    return get_lockout_response(request, credentials=credentials)
