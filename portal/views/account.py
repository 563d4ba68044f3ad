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
from intake.accounts import (
    InvitationError,
    invitation_from_token,
    request_identity_change,
)
from intake.accounts import (
    accept_invitation as accept,
)
from intake.models import IdentityChangeRequest
from portal.access import apply_language, patient_required
from portal.forms import AcceptInvitationForm, IdentityChangeForm, PreferencesForm

# Named because two backends are configured (axes first); the password was just set, not guessed.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@public
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_token(token)
    except InvitationError as error:
        return render(request, "portal/invitation_unusable.html", {"error": error}, status=410)
    patient = invitation.patient
    if not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        # The first page a patient sees from us speaks their language, not the browser's guess.
        translation.activate(patient.preferred_language)
        request.LANGUAGE_CODE = patient.preferred_language
    form = AcceptInvitationForm(
        request.POST or None, patient=patient, email=invitation.email, initial={"username": invitation.email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = accept(token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password1"])
        except InvitationError as error:
            return render(request, "portal/invitation_unusable.html", {"error": error}, status=410)
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, _("Welcome, %(name)s. Your login is ready.") % {"name": patient.first_name})
        return redirect("portal:home")
    return render(request, "portal/accept_invitation.html", {"form": form, "patient": patient})


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
