"""Emails to patients, each in the patient's own language. No clinical detail in them:
an email says that something changed and where to read it, behind the login."""

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from intake.accounts import mark_sent, token_for
from intake.models import Patient, PortalInvitation
from scheduling.models import BookingRequest


def _send(patient: Patient, to: str, template: str, context: dict) -> None:
    with translation.override(patient.preferred_language):
        subject = render_to_string(f"portal/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"portal/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_invitation(request: HttpRequest, invitation: PortalInvitation) -> None:
    link = request.build_absolute_uri(reverse("portal:accept_invitation", args=[token_for(invitation)]))
    patient = invitation.patient
    _send(patient, invitation.email, "invitation", {"patient": patient, "link": link, "invitation": invitation})
    mark_sent(invitation)


def send_request_outcome(request: HttpRequest, booking_request: BookingRequest) -> None:
    patient = booking_request.patient
    if not patient.email or not patient.email_consent:
        return  # they see the outcome on the portal home page
    link = request.build_absolute_uri(reverse("portal:home"))
    _send(patient, patient.email, "request_outcome", {"patient": patient, "link": link, "req": booking_request})
