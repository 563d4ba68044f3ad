"""Celery tasks: ids in, a service call, safe to run twice."""

from celery import shared_task

from interop import export


@shared_task(name="interop.run_bulk_export", acks_late=True, ignore_result=True)
def run_bulk_export(export_id: int) -> None:
    """Writes the export's NDJSON files; a second delivery finds it claimed or finished and does nothing."""
    export.run(export_id)
