"""Staff pages: a patient's FHIR bundle, API clients (issue, revoke) and the practice's bulk exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from clinic import audit
from clinic.access import get_for, permission_required
from intake.models import Patient
from interop import export, services
from interop.api import FHIR_JSON, base_url, everything_bundle
from interop.fhir import query
from interop.forms import ApiClientForm, ExportForm
from interop.models import ApiClient, BulkExport


@require_GET
@permission_required("interop.export_patient_record")
def patient_bundle(request: HttpRequest, pk: int) -> HttpResponse:
    """The patient's record as a FHIR R4 Bundle (what Patient/$everything answers), as a download."""
    patient = get_for(request, Patient, perm="intake.view_patient", pk=pk)
    bundle, hits = everything_bundle(base_url(request), patient.pk, query.EVERYTHING)
    audit.log_access_many(source.audited(row) for source, row in hits)
    response = JsonResponse(bundle, content_type=FHIR_JSON)
    response["Content-Disposition"] = f'attachment; filename="patient-{patient.pk}-fhir.json"'
    return response


@require_http_methods(["GET", "POST"])
@permission_required("interop.view_apiclient")
def client_list(request: HttpRequest) -> HttpResponse:
    form = ApiClientForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("interop.add_apiclient"):
            raise PermissionDenied
        if form.is_valid():
            client, token = services.issue_client(
                name=form.cleaned_data["name"],
                resource_types=form.cleaned_data["resource_types"],
                offices=form.cleaned_data["offices"],
                all_offices=form.cleaned_data["all_offices"],
                by=request.user,
            )
            # Shown on this response only: no redirect, and the token is stored nowhere but here.
            return render(request, "interop/client_issued.html", {"client": client, "token": token})
    clients = ApiClient.objects.select_related("created_by", "revoked_by").prefetch_related("offices")
    return render(request, "interop/client_list.html", {"clients": clients, "form": form})


@require_http_methods(["GET", "POST"])
@permission_required("interop.revoke_apiclient")
def client_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_for(request, ApiClient, perm="interop.revoke_apiclient", pk=pk)
    if request.method == "POST":
        services.revoke_client(client=client, by=request.user)
        messages.success(request, f"{client.name}'s token is revoked; it no longer reads anything.")
        return redirect("interop:client_list")
    return render(request, "interop/client_revoke.html", {"client": client})


@require_http_methods(["GET", "POST"])
@permission_required("interop.view_bulkexport")
def export_list(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("interop.add_bulkexport"):
            raise PermissionDenied
        if form.is_valid():
            started = services.start_export(
                since=form.cleaned_data["since"], until=form.cleaned_data["until"], by=request.user
            )
            return redirect(started)
    exports = BulkExport.objects.select_related("requested_by")[:20]
    return render(request, "interop/export_list.html", {"exports": exports, "form": form})


def _export(request: HttpRequest, pk: int) -> BulkExport:
    return get_for(request, BulkExport, perm="interop.view_bulkexport", pk=pk)


@require_GET
@permission_required("interop.view_bulkexport")
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "interop/export_detail.html", {"export": _export(request, pk)})


def _files(export_: BulkExport) -> list[dict]:
    return [
        {
            "type": resource_type,
            "count": info["count"],
            "bytes": info["bytes"],
            "url": reverse("interop:export_download", args=[export_.pk, resource_type]),
        }
        for resource_type, info in sorted(export_.files.items())
    ]


@require_GET
@permission_required("interop.view_bulkexport")
def export_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress bar polls."""
    export_ = _export(request, pk)
    return JsonResponse(
        {
            "status": export_.status,
            "label": export_.get_status_display(),
            "percent": export_.percent,
            "rows_done": export_.rows_done,
            "rows_total": export_.rows_total,
            "files": _files(export_) if export_.status == BulkExport.Status.DONE else [],
        }
    )


@require_GET
@permission_required("interop.view_bulkexport")
def export_download(request: HttpRequest, pk: int, resource_type: str) -> FileResponse:
    """One NDJSON file, from the private folder; the audit trail records who took it."""
    export_ = _export(request, pk)
    info = export_.files.get(resource_type)
    if export_.status != BulkExport.Status.DONE or info is None:
        raise Http404
    try:
        handle = export.storage().open(info["name"], "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    audit.log_access(export_)
    return FileResponse(handle, as_attachment=True, filename=f"{resource_type}.ndjson", content_type=export.NDJSON)
