"""Second factor and absolute session lifetime, enforced for every view at once.

A view cannot forget these checks: the middleware runs before each of them and
only the sign-in pages themselves (policy.OPEN_VIEWS) are let through.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from clinic.signin.policy import OPEN_NAMESPACES, OPEN_VIEWS, has_second_factor, is_verified, second_factor_required

SIGNED_IN_AT = "veinflow_signed_in_at"


def mark_signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Start the absolute lifetime at the password step (user_logged_in), and the idle time: signing
    in writes the session."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[LAST_ACTIVE] = int(time.time())


LAST_ACTIVE = "veinflow_last_active"
# How far the last-activity mark has to move before the session is written again. Writing it on
# every request (SESSION_SAVE_EVERY_REQUEST) was an UPDATE and a commit per page: bench P2f.
# A session so ends up to this much sooner than SESSION_COOKIE_AGE after the last request, never later,
# and every page is told the real end (idle_seconds_left).
LAST_ACTIVE_STEP = 60
IDLE_HEADER = "X-Idle-Seconds"


def idle_seconds_left(request: HttpRequest) -> int:
    """Seconds until the idle log-off ends this session: SESSION_COOKIE_AGE after its last write."""
    session = getattr(request, "session", None)
    mark = session.get(LAST_ACTIVE) if session is not None and session.session_key is not None else None
    if mark is None:
        return settings.SESSION_COOKIE_AGE
    return max(0, mark + settings.SESSION_COOKIE_AGE - int(time.time()))


class IdleTimeoutMiddleware:
    """Slides the idle log-off (SESSION_COOKIE_AGE) with activity, writing the session only when
    its last-activity mark moves by LAST_ACTIVE_STEP or more, or when anything else in the session
    changed (then the mark moves with it, so the mark is always the stored session's last write).

    The session's database expiry is its last write plus SESSION_COOKIE_AGE; the page's countdown
    (session-timeout.js) starts from the same figure: rendered into the page, and sent with every
    response in X-Idle-Seconds for the requests a page makes itself (htmx, "Stay signed in").
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.session_key is None:
            return self.get_response(request)
        now = int(time.time())
        mark = session.get(LAST_ACTIVE)
        if mark is None or abs(now - mark) >= LAST_ACTIVE_STEP:
            session[LAST_ACTIVE] = now
        response = self.get_response(request)
        if session.is_empty():  # signed out
            return response
        if session.modified and session.get(LAST_ACTIVE) != now:
            session[LAST_ACTIVE] = now
        if LAST_ACTIVE in session:
            response[IDLE_HEADER] = str(idle_seconds_left(request))
        return response


class SessionLifetimeMiddleware:
    """Ends a session SESSION_ABSOLUTE_SECONDS after sign-in, however active it was.

    The idle timeout (SESSION_COOKIE_AGE, slid by activity: IdleTimeoutMiddleware) ends an unattended
    session; this ends one that a script or a forgotten keep-alive tab keeps busy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SIGNED_IN_AT)
            if started is None:
                # A session from before this rule (or force_login): its lifetime starts now.
                request.session[SIGNED_IN_AT] = int(time.time())
            elif time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(hours)s hours. Please sign in again.")
                    % {"hours": settings.SESSION_ABSOLUTE_SECONDS // 3600},
                )
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sends a session without a verified second factor to verification or, for a
    staff member with no device yet, to enrolment. Must follow django_otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        user = request.user
        if not user.is_authenticated or is_verified(user) or not second_factor_required(user):
            return None
        match = request.resolver_match
        if match is not None and (match.view_name in OPEN_VIEWS or set(match.namespaces) & OPEN_NAMESPACES):
            return None
        target = "second_factor_verify" if has_second_factor(user) else "second_factor_enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
