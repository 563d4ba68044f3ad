"""The practice-wide bulk export: a Celery task writing NDJSON per type, its page, refusals and download."""

import datetime
import json

import pytest
from django.urls import reverse
from fhir.resources.R4B import get_fhir_model_class

from clinic.models import AuditEntry
from interop import export, services
from interop.forms import ExportForm
from interop.models import BulkExport
from tests.conftest import client_for
from tests.interop.conftest import full_record

pytestmark = pytest.mark.django_db(transaction=False)


def _lines(export_: BulkExport, resource_type: str) -> list[dict]:
    with export.storage().open(export_.files[resource_type]["name"]) as handle:
        return [json.loads(line) for line in handle.read().decode().splitlines()]


def test_the_export_writes_one_ndjson_file_per_type_that_parses_as_fhir(
    clinic_admin, record, export_folder, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        started = services.start_export(since=None, until=None, by=clinic_admin)
    started.refresh_from_db()
    assert started.status == BulkExport.Status.DONE and started.percent == 100
    assert set(started.files) >= {"Patient", "Observation", "Procedure", "Condition", "DocumentReference"}
    for resource_type, info in started.files.items():
        lines = _lines(started, resource_type)
        assert len(lines) == info["count"]
        for line in lines:
            assert get_fhir_model_class(resource_type).model_validate(line).id == line["id"]
    assert started.rows_done == started.rows_total == sum(info["count"] for info in started.files.values())
    assert started.files["MedicationStatement"]["count"] == len(record["intake"].medication_lines())
    assert set(started.files) >= {"AllergyIntolerance", "MedicationStatement"}
    assert (export_folder / str(started.pk) / "Patient.ndjson").exists()


def test_running_the_task_twice_writes_the_files_once(clinic_admin, record, export_folder) -> None:
    queued = BulkExport.objects.create(requested_by=clinic_admin)
    export.run(queued.pk)
    queued.refresh_from_db()
    files = dict(queued.files)
    export.run(queued.pk)
    queued.refresh_from_db()
    assert queued.files == files
    assert len(list((export_folder / str(queued.pk)).iterdir())) == len(files)


def test_a_date_range_exports_only_records_dated_in_it(clinic_admin, record, export_folder) -> None:
    done, upcoming = record["appointments"]
    day = done.start.astimezone(done.office.zone).date()
    ranged = BulkExport.objects.create(requested_by=clinic_admin, since=day, until=day)
    export.run(ranged.pk)
    ranged.refresh_from_db()
    assert [line["id"] for line in _lines(ranged, "Appointment")] == [f"appointment-{done.pk}"]
    assert len(_lines(ranged, "Patient")) == 1, "undated resources go whole"
    later = BulkExport.objects.create(
        requested_by=clinic_admin, since=day + datetime.timedelta(days=60), until=day + datetime.timedelta(days=90)
    )
    export.run(later.pk)
    later.refresh_from_db()
    assert "Appointment" not in later.files and "Observation" not in later.files
    assert {"AllergyIntolerance", "MedicationStatement"} <= set(later.files), "what the patient has now goes whole"


@pytest.mark.parametrize(
    ("since", "until", "field", "words"),
    [
        ("2030-06-04", "2030-01-01", "until", "before the first day"),
        ("2020-01-01", "2025-01-02", "until", "at most 5 years"),
        ("2020-01-01", "", "until", "last day too"),
        ("", "2020-01-01", "since", "first day too"),
        ("2020-02-30", "2020-03-01", "since", "valid date"),
    ],
)
def test_a_backwards_or_too_long_range_is_refused_next_to_the_field(since, until, field, words) -> None:
    form = ExportForm({"since": since, "until": until})
    assert not form.is_valid()
    assert words in " ".join(form.errors[field])


def test_exactly_five_years_is_accepted() -> None:
    assert ExportForm({"since": "2020-02-29", "until": "2025-02-28"}).is_valid()


def test_the_page_refuses_a_bad_range_and_keeps_what_was_typed(clinic_admin) -> None:
    response = client_for(clinic_admin).post(
        reverse("interop:export_list"), {"since": "2030-06-04", "until": "2030-01-01"}
    )
    assert response.status_code == 200
    assert "before the first day" in response.content.decode()
    assert 'value="2030-06-04"' in response.content.decode()
    assert not BulkExport.objects.exists()


def test_starting_from_the_page_runs_the_task_and_shows_progress(
    clinic_admin, record, export_folder, django_capture_on_commit_callbacks
) -> None:
    client = client_for(clinic_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interop:export_list"), {"since": "", "until": ""})
    started = BulkExport.objects.get()
    assert response.status_code == 302 and response["Location"] == started.get_absolute_url()
    status = client.get(reverse("interop:export_status", args=[started.pk])).json()
    assert status["status"] == "done" and status["percent"] == 100
    assert {f["type"] for f in status["files"]} == set(started.files)


def test_a_download_is_served_by_the_audited_view(clinic_admin, record, export_folder) -> None:
    queued = BulkExport.objects.create(requested_by=clinic_admin)
    export.run(queued.pk)
    client = client_for(clinic_admin)
    response = client.get(reverse("interop:export_download", args=[queued.pk, "Patient"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+ndjson"
    body = b"".join(response.streaming_content).decode()
    assert json.loads(body.splitlines()[0])["resourceType"] == "Patient"
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.actor_id, entry.object_pk, entry.action) == (
        clinic_admin.pk,
        str(queued.pk),
        AuditEntry.Action.ACCESS,
    )
    assert client.get(reverse("interop:export_download", args=[queued.pk, "Medication"])).status_code == 404


def test_a_failed_export_says_so(clinic_admin, export_folder, monkeypatch) -> None:
    full_record()

    def broken(export_):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "_write", broken)
    queued = BulkExport.objects.create(requested_by=clinic_admin)
    export.run(queued.pk)
    queued.refresh_from_db()
    assert queued.status == BulkExport.Status.FAILED and queued.error == "RuntimeError"
