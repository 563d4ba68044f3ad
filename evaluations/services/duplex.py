"""Recording duplex findings, and the thrombus alert they can raise."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from clinic.models import Office
from clinic.roles import Role, users_with_role
from evaluations.models import (
    DuplexStudy,
    PlanItem,
    SegmentFinding,
)
from evaluations.models.plans import ItemStatus
from intake.models import Patient
from scheduling.models import Appointment


@transaction.atomic
def start_study(
    *, patient: Patient, office: Office, by, legs: str, indication: str = "", appointment: Appointment | None = None
) -> DuplexStudy:
    """Open a study; recorded at a booked duplex visit, it is tied to that appointment."""
    return DuplexStudy.objects.create(
        patient=patient, office=office, sonographer=by, legs=legs, indication=indication, appointment=appointment
    )


@transaction.atomic
def save_finding(*, finding: SegmentFinding, by) -> SegmentFinding:
    """Save a segment finding; a newly recorded thrombus alerts the office's physicians once committed."""
    was_thrombus = False
    if finding.pk:
        was_thrombus = bool(SegmentFinding.objects.filter(pk=finding.pk).values_list("thrombus", flat=True).first())
    finding.full_clean()
    finding.save()
    if finding.has_thrombus and not was_thrombus:
        finding_id = finding.pk
        transaction.on_commit(lambda: alert_physicians_of_thrombus(finding_id=finding_id))
    return finding


def alert_physicians_of_thrombus(*, finding_id: int) -> int:
    """Email every active physician at the study's office. Returns how many were told.

    The email carries no patient name or finding: mail leaves our systems, so it
    only says that something urgent waits in VeinFlow and where to look.
    """
    finding = SegmentFinding.objects.select_related("study__office").get(pk=finding_id)
    office = finding.study.office
    recipients = sorted(
        {
            email
            for email in users_with_role(Role.PHYSICIAN)
            .filter(staff_profile__offices=office)
            .values_list("email", flat=True)
            if email
        }
    )
    if not recipients:
        return 0
    # SITE_URL makes the link absolute for mail clients.
    link = settings.SITE_URL + reverse("evaluations:study_detail", args=[finding.study_id])
    kind = "deep vein thrombosis" if finding.is_deep_thrombus else "superficial vein thrombus"
    send_mail(
        subject=f"Urgent: possible {kind} recorded at {office.name}",
        message=(
            f"A duplex study at {office.name} has just recorded a possible {kind}.\n"
            f"Please review it now: {link}\n\n"
            "The alert stays on your VeinFlow home page until a physician acknowledges it."
        ),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)


@transaction.atomic
def finalize_study(*, study: DuplexStudy, impression: str, by) -> DuplexStudy:
    """Mark the study final; a post-ablation duplex also closes its procedure's follow-up."""
    study.impression = impression
    study.save(update_fields=["impression"])
    study.finalize(by)
    if study.appointment_id:
        followed = PlanItem.objects.filter(follow_up_appointment_id=study.appointment_id, status=ItemStatus.DONE)
        for item in followed:
            item.move_to(ItemStatus.FOLLOWED_UP)
    return study
