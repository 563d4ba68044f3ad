"""The front desk's side of the portal: invitations, booking requests, identity changes."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.access import get_for, permission_required
from clinic.audit import log_access, log_access_many
from intake.accounts import (
    ChangeAlreadyDecided,
    InvitationRefused,
    decide_identity_change,
    invite_patient,
    revoke_invitation,
)
from intake.models import IdentityChangeRequest, Patient, PortalInvitation, ScreeningSubmission
from portal import emails
from portal.forms import DecisionForm
from scheduling.exceptions import BookingConflict, BookingError
from scheduling.models import BookingRequest
from scheduling.services.self_booking import RequestAlreadyDecided, approve_request, decline_request


@permission_required("intake.add_portalinvitation")
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite (or re-invite: the new link replaces the old one) a patient to the portal."""
    patient = get_for(request, Patient.objects.select_related("user"), perm="intake.view_patient", pk=pk)
    log_access(patient)
    pending = PortalInvitation.objects.pending().filter(patient=patient).first()
    if request.method == "POST":
        try:
            invitation = invite_patient(patient=patient, by=request.user)
        except InvitationRefused as refused:
            messages.error(request, str(refused))
        else:
            emails.send_invitation(request, invitation)
            verb = "sent again" if pending else "sent"
            messages.success(request, f"Portal invitation {verb} to {invitation.email}. The link works for 7 days.")
        return redirect(patient)
    return render(request, "portal/desk/invite.html", {"patient": patient, "pending": pending})


@permission_required("intake.add_portalinvitation")
@require_GET
def invite_from_screening(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_for(request, ScreeningSubmission, perm="intake.view_screeningsubmission", pk=pk)
    if screening.patient_id is None:
        messages.info(request, "Register this screening as a patient first; then invite them to the portal.")
        return redirect("screening_detail", pk=screening.pk)
    return redirect("portal:invite", pk=screening.patient_id)


@permission_required("intake.change_portalinvitation")
@require_POST
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_for(
        request, PortalInvitation.objects.select_related("patient"), perm="intake.change_portalinvitation", pk=pk
    )
    log_access(invitation.patient)
    try:
        revoke_invitation(invitation=invitation, by=request.user)
    except InvitationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Invitation revoked: the emailed link no longer works.")
    return redirect(invitation.patient)


@permission_required("scheduling.view_bookingrequest", "intake.view_identitychangerequest")
@require_GET
def requests(request: HttpRequest) -> HttpResponse:
    """Three queries whatever the queue holds: booking requests, identity changes, their audit entries."""
    # Requests to move a visit wait in the desk's one reschedule queue (scheduling:reschedule_queue).
    booking_requests = list(BookingRequest.objects.queue().filter(kind=BookingRequest.Kind.BOOK))
    identity_changes = list(IdentityChangeRequest.objects.queue())
    log_access_many(r.patient for r in [*booking_requests, *identity_changes])
    context = {"booking_requests": booking_requests, "identity_changes": identity_changes, "form": DecisionForm()}
    return render(request, "portal/desk/requests.html", context)


def _back_to_queue(request: HttpRequest) -> str:
    """The queue the decision was made from: this page, or the desk's reschedule queue."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("portal:requests")


@permission_required("scheduling.change_bookingrequest")
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    booking_request = get_for(
        request, BookingRequest.objects.with_details(), perm="scheduling.change_bookingrequest", pk=pk
    )
    log_access(booking_request)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("portal:requests")
    try:
        if form.cleaned_data["decision"] == "approve":
            appointment = approve_request(booking_request=booking_request, by=request.user)
            messages.success(request, f"Booked: {appointment}. The patient is told.")
        else:
            decline_request(booking_request=booking_request, reason=form.cleaned_data["reason"], by=request.user)
            messages.success(request, "Declined. The patient is told why.")
    except BookingConflict as conflict:
        messages.error(request, f"{conflict.message} Decline with a suggested time, or book by phone.")
        return redirect(_back_to_queue(request))
    except (BookingError, RequestAlreadyDecided) as refused:
        messages.error(request, str(refused))
        return redirect(_back_to_queue(request))
    emails.send_request_outcome(request, booking_request)
    return redirect(_back_to_queue(request))


@permission_required("intake.change_identitychangerequest")
@require_POST
def identity_change_decide(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_for(
        request,
        IdentityChangeRequest.objects.select_related("patient"),
        perm="intake.change_identitychangerequest",
        pk=pk,
    )
    log_access(change.patient)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("portal:requests")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        patient = decide_identity_change(
            change=change, approve=approve, by=request.user, note=form.cleaned_data["reason"]
        )
    except ChangeAlreadyDecided as done:
        messages.error(request, str(done))
    else:
        messages.success(request, f"{'Updated' if approve else 'Kept'} {patient.full_name}'s name and date of birth.")
    return redirect("portal:requests")
