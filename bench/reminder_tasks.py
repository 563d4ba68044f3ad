"""The naive pattern P4 compares against: one Celery task per reminder (bench workers load it with -I)."""

from celery import shared_task

from scheduling.reminders import dispatch


@shared_task(name="bench.send_one_reminder", acks_late=True, ignore_result=True)
def send_one_reminder(reminder_id: int) -> dict[str, int]:
    return dispatch.send_one(reminder_id).as_dict()
