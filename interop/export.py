"""The practice-wide bulk export (FHIR's $export idea): one NDJSON file per resource type.

Rows stream from the database in chunks (``registry.rows``) into a temporary file that
the storage then takes whole, so memory stays flat whatever the practice's size
(bench/fhir_export.py). The files live in the ``fhir_exports`` storage, a private folder
no URL serves; ``interop.views.export_download`` hands them to a clinic admin and
records that it did.
"""

import json
import logging
import tempfile
from itertools import groupby

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db.models import F
from django.utils import timezone

from interop.fhir import query, registry
from interop.models import BulkExport

STORAGE = "fhir_exports"
NDJSON = "application/fhir+ndjson"
# Progress is written after this many rows: often enough for the bar, rarely enough to cost nothing.
PROGRESS_EVERY = 1000

log = logging.getLogger(__name__)


def storage() -> Storage:
    return storages[STORAGE]


def file_name(export_id: int, resource_type: str) -> str:
    return f"{export_id}/{resource_type}.ndjson"


def _querysets(export: BulkExport) -> list[tuple[registry.Source, object]]:
    """Every source, those dated by an event narrowed to the export's range; the rest (patients, whose
    only date is a birth date, coverage, allergies, the current medication list, staff, offices) whole."""
    chosen = []
    for source in sorted(registry.sources(), key=lambda s: s.resource_type):
        queryset = source.queryset()
        if source.date and source.date_param == "date" and (export.since or export.until):
            queryset = queryset.filter(query.range_filter(source, export.since, export.until))
        chosen.append((source, queryset))
    return chosen


def run(export_id: int) -> None:
    claimed = BulkExport.objects.filter(pk=export_id, status=BulkExport.Status.QUEUED).update(
        status=BulkExport.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    export = BulkExport.objects.get(pk=export_id)
    try:
        files = _write(export)
    except Exception as error:
        log.exception("FHIR bulk export %s failed", export_id)
        BulkExport.objects.filter(pk=export_id).update(
            status=BulkExport.Status.FAILED, error=f"{type(error).__name__}"[:300], finished_at=timezone.now()
        )
        return
    BulkExport.objects.filter(pk=export_id).update(
        status=BulkExport.Status.DONE, files=files, rows_done=F("rows_total"), finished_at=timezone.now()
    )


def _write(export: BulkExport) -> dict[str, dict]:
    chosen = _querysets(export)
    total = sum(registry.count(source, queryset) for source, queryset in chosen)
    BulkExport.objects.filter(pk=export.pk).update(rows_total=total)
    done = 0
    files: dict[str, dict] = {}
    target = storage()
    for resource_type, group in groupby(chosen, key=lambda pair: pair[0].resource_type):
        count = 0
        with tempfile.TemporaryFile() as buffer:
            for source, queryset in group:
                for row in registry.rows(source, queryset):
                    buffer.write(json.dumps(source.to_json(row), separators=(",", ":"), ensure_ascii=False).encode())
                    buffer.write(b"\n")
                    count += 1
                    done += 1
                    if done % PROGRESS_EVERY == 0:
                        BulkExport.objects.filter(pk=export.pk).update(rows_done=min(done, total))
            if not count:
                continue
            size = buffer.tell()
            buffer.seek(0)
            name = file_name(export.pk, resource_type)
            if target.exists(name):  # an earlier, interrupted run of the same export
                target.delete(name)
            saved = target.save(name, File(buffer, name=name))
            files[resource_type] = {"name": saved, "count": count, "bytes": size}
    # Rows added while the export ran may make the count larger than the first total.
    BulkExport.objects.filter(pk=export.pk).update(rows_total=max(total, done))
    return files
