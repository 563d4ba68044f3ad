"""The patient's account: accepting the invitation, preferences, identity corrections."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from clinic.access import public
from clinic.audit import log_access
from clinic.throttle import already_over, over_limit
from intake.accounts import (
    InvitationError,
    identity_matches,
    invitation_from_token,
    request_identity_change,
)
from intake.accounts import (
    accept_invitation as accept,
)
from intake.models import IdentityChangeRequest, PortalInvitation
from portal.access import apply_language, patient_required
from portal.forms import AcceptInvitationForm, IdentityChangeForm, InvitationIdentityForm, PreferencesForm

# Named because two backends are configured (axes first); the password was just set, not guessed.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


# Wrong dates of birth before an invitation locks; the front desk sends a new one.
IDENTITY_ATTEMPTS = (4, 24 * 60 * 60)
# Posts to any invitation from one address (dates, and usernames that may be taken).
ACCEPT_RATE_PER_CLIENT = (20, 60 * 60)
# Username and password tries on one invitation once the date of birth is right.
ACCOUNT_RATE_PER_INVITATION = (10, 60 * 60)


def _identity_key(invitation: PortalInvitation) -> str:
    return f"portal_invitation_identity_{invitation.pk}"


def _unusable(request: HttpRequest, message: str, reason: str, status: int) -> HttpResponse:
    error = InvitationError(message, reason=reason)
    return render(request, "portal/invitation_unusable.html", {"error": error}, status=status)


@public
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Two steps: the date of birth proves the link reached its patient, then a login is made.

    Until the date of birth is right the page shows nothing about the patient, not
    even a name, so a forwarded or stolen link opens nothing.
    """
    try:
        invitation = invitation_from_token(token)
    except InvitationError as error:
        return render(request, "portal/invitation_unusable.html", {"error": error}, status=410)
    patient = invitation.patient
    if not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        # The first page a patient sees from us speaks their language, not the browser's guess.
        translation.activate(patient.preferred_language)
        request.LANGUAGE_CODE = patient.preferred_language
    if request.method == "POST" and over_limit(request, group="portal.invitation.client", rate=ACCEPT_RATE_PER_CLIENT):
        return _unusable(request, _("Too many attempts from this connection."), "throttled", 429)
    if already_over(request, group="portal.invitation.identity", rate=IDENTITY_ATTEMPTS, key=str(invitation.pk)):
        return _locked(request)
    if not request.session.get(_identity_key(invitation)):
        return _confirm_identity(request, invitation)

    form = AcceptInvitationForm(
        request.POST or None, patient=patient, email=invitation.email, initial={"username": invitation.email}
    )
    if request.method == "POST":
        if over_limit(
            request, group="portal.invitation.account", rate=ACCOUNT_RATE_PER_INVITATION, key=str(invitation.pk)
        ):
            return _unusable(request, _("Too many attempts on this invitation."), "throttled", 429)
        if form.is_valid():
            try:
                user = accept(
                    token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
                )
            except InvitationError as error:
                return render(request, "portal/invitation_unusable.html", {"error": error}, status=410)
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, _("Welcome, %(name)s. Your login is ready.") % {"name": patient.first_name})
            return redirect("portal:home")
    return render(request, "portal/accept_invitation.html", {"form": form, "patient": patient})


def _confirm_identity(request: HttpRequest, invitation: PortalInvitation) -> HttpResponse:
    form = InvitationIdentityForm(request.POST if "date_of_birth" in request.POST else None)
    if form.is_valid():
        if identity_matches(invitation, form.cleaned_data["date_of_birth"]):
            request.session[_identity_key(invitation)] = True
            return redirect(request.path)
        if over_limit(request, group="portal.invitation.identity", rate=IDENTITY_ATTEMPTS, key=str(invitation.pk)):
            return _locked(request)
        form.add_error("date_of_birth", _("This date of birth does not match our records. Please check it."))
    return render(request, "portal/accept_invitation_identity.html", {"form": form})


def _locked(request: HttpRequest) -> HttpResponse:
    return _unusable(request, _("This invitation is locked after several wrong dates of birth."), "locked", status=429)


@patient_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    patient = request.patient
    log_access(patient)
    form = PreferencesForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        patient = form.save()
        translation.activate(patient.preferred_language)
        request.LANGUAGE_CODE = patient.preferred_language
        messages.success(request, _("Your preferences are saved."))
        response = redirect("portal:preferences")
        apply_language(request, response, patient.preferred_language)
        return response
    pending = IdentityChangeRequest.objects.pending().filter(patient=patient).first()
    last_decided = (
        IdentityChangeRequest.objects.filter(patient=patient)
        .exclude(status=IdentityChangeRequest.Status.PENDING)
        .first()
    )
    return render(
        request,
        "portal/preferences.html",
        {"form": form, "patient": patient, "pending": pending, "last_decided": last_decided},
    )


@patient_required
@require_http_methods(["GET", "POST"])
def identity_change(request: HttpRequest) -> HttpResponse:
    patient = request.patient
    log_access(patient)
    initial = {"first_name": patient.first_name, "last_name": patient.last_name, "date_of_birth": patient.date_of_birth}
    form = IdentityChangeForm(request.POST or None, patient=patient, initial=initial)
    if request.method == "POST" and form.is_valid():
        request_identity_change(patient=patient, by=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. The front desk will check the change and update your record."))
        return redirect("portal:preferences")
    return render(request, "portal/identity_change.html", {"form": form, "patient": patient})
