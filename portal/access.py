"""Who may use the portal, and the one way its views load a patient's records.

A portal page asks for ``intake.use_portal`` (granted to the patient role) and
serves the signed-in patient only: every getter goes through clinic.access.get_for,
whose visibility rules give a patient their own records alone, and also filters by
that patient, so another patient's id answers 404, exactly like one that does not exist.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from clinic.access import get_for
from intake.models import Patient
from scheduling.models import Appointment, BookingRequest

LANGUAGE_SESSION_KEY = "portal_language"
PORTAL = "intake.use_portal"


def remember_language_on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """A patient's saved language wins over the browser's from the first page after login."""
    language = Patient.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    if language and request is not None and hasattr(request, "session"):
        request.session[LANGUAGE_SESSION_KEY] = language


def apply_language(request: HttpRequest, response: HttpResponse, language: str) -> None:
    translation.activate(language)
    request.LANGUAGE_CODE = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


def patient_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous -> login; signed in without a linked patient chart (staff) -> 403.

    Sets ``request.patient``. Applies the language remembered at login.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(PORTAL):
            raise PermissionDenied
        patient = Patient.objects.select_related("preferred_office").filter(user=request.user).first()
        if patient is None:
            raise PermissionDenied
        request.patient = patient
        language = request.session.pop(LANGUAGE_SESSION_KEY, None)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = view(request, *args, **kwargs)
        # A page that just saved a new preference has set the cookie itself; that choice wins.
        if language and settings.LANGUAGE_COOKIE_NAME not in response.cookies:
            apply_language(request, response, language)
        return response

    wrapped.required_permissions = (PORTAL,)  # type: ignore[attr-defined]
    return wrapped


def own_booking_request(request: HttpRequest, pk: int) -> BookingRequest:
    """One of the signed-in patient's booking requests; anyone else's is a 404."""
    return get_for(request, BookingRequest, perm=PORTAL, pk=pk, patient=request.patient)


def own_appointment(request: HttpRequest, pk: int) -> Appointment:
    """One of the signed-in patient's appointments; anyone else's is a 404."""
    found = Appointment.objects.select_related("appointment_type", "office", "provider__user", "room")
    return get_for(request, found, perm=PORTAL, pk=pk, patient=request.patient)
