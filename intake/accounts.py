"""Patients' own logins: invite, accept, resend, revoke; identity change review.

The link in an invitation email is the invitation's random key signed with the
site's secret and a timestamp, so a tampered or truncated link is refused before
the database is asked, and an old one is refused even if its row were kept
pending by mistake. Single use is the row's status.
"""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.audit import audited_update
from clinic.roles import Role
from intake.models import IdentityChangeRequest, IntakeDraft, IntakeRecord, Patient, PortalInvitation
from intake.models.accounts import INVITATION_DAYS
from intake.services import record_intake

SALT = "intake.portal-invitation"


class InvitationError(Exception):
    """Why an invitation link cannot be used, in words for the patient."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason  # "invalid", "expired", "used", "revoked"


class InvitationRefused(Exception):
    """The front desk cannot invite this patient (no email, already has a login)."""


def token_for(invitation: PortalInvitation) -> str:
    return signing.TimestampSigner(salt=SALT).sign(invitation.key)


def identity_matches(invitation: PortalInvitation, date_of_birth: datetime.date) -> bool:
    """The link alone opens nothing: the patient also proves who they are."""
    return invitation.patient.date_of_birth == date_of_birth


def invitation_from_token(token: str, *, now: datetime.datetime | None = None) -> PortalInvitation:
    """The pending, unexpired invitation behind ``token``, or InvitationError saying why not."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        key = signer.unsign(token, max_age=datetime.timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired:
        raise InvitationError(_("This invitation link has expired."), reason="expired") from None
    except signing.BadSignature:
        raise InvitationError(_("This invitation link is not valid."), reason="invalid") from None
    invitation = PortalInvitation.objects.select_related("patient").filter(key=key).first()
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."), reason="invalid")
    if invitation.status == PortalInvitation.Status.ACCEPTED:
        raise InvitationError(_("This invitation has already been used."), reason="used")
    if invitation.status == PortalInvitation.Status.REVOKED:
        raise InvitationError(_("This invitation is no longer valid."), reason="revoked")
    if invitation.is_expired(now):
        raise InvitationError(_("This invitation link has expired."), reason="expired")
    return invitation


@transaction.atomic
def invite_patient(*, patient: Patient, by: Any) -> PortalInvitation:
    """A new invitation for ``patient``, sent to the email on the chart; any earlier pending one stops working.

    There is no other address to send it to: sending a login link elsewhere would hand
    the chart to whoever reads that mailbox. A different address means correcting the
    chart first, which the audit trail records. The caller sends the email (it knows
    the portal's address) and marks it sent.
    """
    locked = Patient.objects.select_for_update().get(pk=patient.pk)
    email = locked.email.strip()
    if not email:
        raise InvitationRefused("The patient needs an email address on the chart to be invited.")
    if locked.user_id is not None:
        raise InvitationRefused(f"{locked.full_name} already has a portal login.")
    now = timezone.now()
    for old in PortalInvitation.objects.select_for_update().pending().filter(patient=locked):
        _revoke(old, by=by, now=now)
    return PortalInvitation.objects.create(
        patient=locked,
        email=email,
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )


def mark_sent(invitation: PortalInvitation) -> None:
    invitation.sent_count += 1
    invitation.last_sent_at = timezone.now()
    invitation.save(update_fields=["sent_count", "last_sent_at"])


def _revoke(invitation: PortalInvitation, *, by: Any, now: datetime.datetime) -> None:
    invitation.status = PortalInvitation.Status.REVOKED
    invitation.revoked_at = now
    invitation.revoked_by = by
    invitation.save(update_fields=["status", "revoked_at", "revoked_by"])


@transaction.atomic
def revoke_invitation(*, invitation: PortalInvitation, by: Any) -> PortalInvitation:
    locked = PortalInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != PortalInvitation.Status.PENDING:
        raise InvitationRefused("Only an invitation still waiting for the patient can be revoked.")
    _revoke(locked, by=by, now=timezone.now())
    invitation.refresh_from_db()
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, username: str, password: str) -> Any:
    """Create the patient's login from a valid link; the link cannot be used again.

    The password has been checked by the form (Django's validators); the row lock
    makes two tabs submitting the same link create one account, not two.
    """
    found = invitation_from_token(token)
    invitation = PortalInvitation.objects.select_for_update().select_related("patient").get(pk=found.pk)
    invitation_from_token(token)  # re-read under the lock: a second tab sees "already used"
    patient = Patient.objects.select_for_update().get(pk=invitation.patient_id)
    if patient.user_id is not None:
        raise InvitationError(_("This invitation has already been used."), reason="used")
    user = get_user_model().objects.create_user(
        username=username,
        password=password,
        email=invitation.email,
        first_name=patient.first_name,
        last_name=patient.last_name,
    )
    user.groups.add(Group.objects.get(name=Role.PATIENT.value))
    patient.user = user
    patient.save(update_fields=["user", "updated_at"])
    invitation.status = PortalInvitation.Status.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_at"])
    return user


# ---------------------------------------------------------------------------
# The pre-visit questionnaire
# ---------------------------------------------------------------------------
def save_intake_draft(*, patient: Patient, answers: dict[str, list[str]]) -> IntakeDraft:
    # A draft keeps what was typed before any validation, so it can hold a NUL
    # character, which PostgreSQL refuses inside text and jsonb. Nobody types one.
    clean = {
        key.replace("\x00", ""): [value.replace("\x00", "") for value in values] for key, values in answers.items()
    }
    draft, _created = IntakeDraft.objects.update_or_create(patient=patient, defaults={"answers": clean})
    return draft


@transaction.atomic
def submit_patient_intake(*, patient: Patient, data: dict[str, Any], by: Any) -> IntakeRecord:
    """The patient's own questionnaire becomes a dated record; the draft is done with."""
    record = record_intake(patient=patient, data=data, entered_by=by, source=IntakeRecord.Source.PATIENT)
    IntakeDraft.objects.filter(patient=patient).delete()
    return record


# ---------------------------------------------------------------------------
# Identity changes
# ---------------------------------------------------------------------------
IDENTITY_FIELDS = ("first_name", "last_name", "date_of_birth")


@transaction.atomic
def request_identity_change(
    *, patient: Patient, first_name: str, last_name: str, date_of_birth: datetime.date, by: Any
) -> IdentityChangeRequest:
    """Queue a name or birth-date correction for the front desk; a newer request replaces a pending one."""
    previous = {
        "first_name": patient.first_name,
        "last_name": patient.last_name,
        "date_of_birth": patient.date_of_birth.isoformat(),
    }
    change, _created = IdentityChangeRequest.objects.select_for_update().update_or_create(
        patient=patient,
        status=IdentityChangeRequest.Status.PENDING,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": date_of_birth,
            "previous": previous,
            "requested_by": by,
            "requested_at": timezone.now(),
        },
    )
    return change


class ChangeAlreadyDecided(Exception):
    pass


@transaction.atomic
def decide_identity_change(*, change: IdentityChangeRequest, approve: bool, by: Any, note: str = "") -> Patient:
    """Apply (or turn down, with a reason the patient will read) a pending identity change."""
    locked = IdentityChangeRequest.objects.select_for_update().get(pk=change.pk)
    if not locked.is_pending:
        raise ChangeAlreadyDecided("This request was already decided.")
    patient = Patient.objects.select_for_update().get(pk=locked.patient_id)
    if approve:
        for name in IDENTITY_FIELDS:
            setattr(patient, name, getattr(locked, name))
        # Only the corrected fields are judged: an old chart's other details must not block the fix.
        patient.full_clean(exclude=[f.name for f in Patient._meta.fields if f.name not in IDENTITY_FIELDS])
        patient.save()
        if patient.user_id:
            audited_update(
                get_user_model().objects.filter(pk=patient.user_id),
                first_name=patient.first_name,
                last_name=patient.last_name,
            )
    locked.status = IdentityChangeRequest.Status.APPROVED if approve else IdentityChangeRequest.Status.REJECTED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.decision_note = (note or "").strip()[:200]
    locked.full_clean()
    locked.save()
    change.refresh_from_db()
    return patient
