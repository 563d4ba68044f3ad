"""Celery tasks: ids in, a service call, safe to run twice. See scheduling.reminders.dispatch."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerOperationalError

from scheduling.reminders import dispatch

# The database going away mid-batch is worth a retry; every step is conditional on the claim token.
DATABASE_HICCUPS = (OperationalError, InterfaceError)
# What publishing raises when the broker cannot be reached (after Celery's own publish retries).
BROKER_DOWN = (BrokerOperationalError, OSError)

log = logging.getLogger(__name__)


@shared_task(name="scheduling.dispatch_due_reminders", acks_late=True, ignore_result=True)
def dispatch_due_reminders() -> dict[str, int]:
    """The beat's minute: reap lapsed claims, claim what is due, and hand each batch to a worker."""
    report = dispatch.claim_due()
    for ids, token in report.batches:
        # The claim has committed (claim_due_batch is atomic); ids and a token are all that travel.
        transaction.on_commit(lambda ids=ids, token=token: publish_batch(ids, token))
    return {"reaped": report.reaped, "claimed": report.claimed, "batches": len(report.batches)}


def publish_batch(ids: list[int], token: str) -> bool:
    """Hand a batch to the workers; when the broker refuses it, hand the rows back at once.

    A batch that never reached the broker would otherwise hold its rows until the lease
    runs out (REMINDER_LEASE_SECONDS); released, they go with the next beat that can publish.
    """
    try:
        send_reminder_batch.delay(ids, token)
    except BROKER_DOWN:
        released = dispatch.release_claim(ids, token)
        log.warning("could not publish a batch of %d reminders; released %d for the next beat", len(ids), released)
        return False
    return True


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
