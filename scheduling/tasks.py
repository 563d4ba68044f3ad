"""Celery tasks: ids in, a service call, safe to run twice. See scheduling.reminders.dispatch."""

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from scheduling.reminders import dispatch

# The database going away mid-batch is worth a retry; every step is conditional on the claim token.
DATABASE_HICCUPS = (OperationalError, InterfaceError)


@shared_task(name="scheduling.dispatch_due_reminders", acks_late=True, ignore_result=True)
def dispatch_due_reminders() -> dict[str, int]:
    """The beat's minute: reap lapsed claims, claim what is due, and hand each batch to a worker."""
    report = dispatch.claim_due()
    for ids, token in report.batches:
        # The claim has committed (claim_due_batch is atomic); ids and a token are all that travel.
        transaction.on_commit(lambda ids=ids, token=token: send_reminder_batch.delay(ids, token))
    return {"reaped": report.reaped, "claimed": report.claimed, "batches": len(report.batches)}


@shared_task(
    name="scheduling.send_reminder_batch",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=DATABASE_HICCUPS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    ignore_result=True,
)
def send_reminder_batch(ids: list[int], token: str) -> dict[str, int]:
    return dispatch.send_batch(ids, token).as_dict()
