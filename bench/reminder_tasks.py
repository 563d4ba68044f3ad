"""The naive pattern P4 compares against: one Celery task per reminder (bench workers load it with -I).

It lives here, not in scheduling: production only ever claims and sends in batches.
"""

import datetime
import uuid

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from scheduling.models import Reminder, ReminderStatus
from scheduling.reminders.dispatch import BatchReport, send_batch


def send_one(reminder_id: int) -> BatchReport:
    """Claim and send a single row with the production sender, as a one-row batch."""
    now = timezone.now()
    token = uuid.uuid4()
    lease = now + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    claimed = Reminder.objects.filter(pk=reminder_id, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.SENDING, claim_token=token, lease_until=lease, updated_at=now
    )
    return send_batch([reminder_id], str(token)) if claimed else BatchReport(not_ours=1)


@shared_task(name="bench.send_one_reminder", acks_late=True, ignore_result=True)
def send_one_reminder(reminder_id: int) -> dict[str, int]:
    return send_one(reminder_id).as_dict()
