"""The practice dashboard and its CSV downloads: aggregate figures only, no patient is named."""

import csv
import zoneinfo

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clinic.access import permission_required, visible
from clinic.models import Office
from reports import metrics
from reports.figures import Figure, Scope
from reports.forms import DashboardFilterForm, default_range


def _read_filter(request: HttpRequest) -> tuple[DashboardFilterForm, Scope | None]:
    offices = visible(Office.objects.order_by("name"), request.user)
    first, last = default_range(timezone.localdate())
    data = {"office": "", "first": first.isoformat(), "last": last.isoformat()}
    data.update({key: request.GET[key] for key in data if key in request.GET})
    form = DashboardFilterForm(data, offices=offices)
    if not form.is_valid():
        return form, None
    office = form.cleaned_data["office"]
    scope = Scope(
        office=office,
        offices=tuple(offices),
        first=form.cleaned_data["first"],
        last=form.cleaned_data["last"],
        zone=office.zone if office is not None else zoneinfo.ZoneInfo(settings.TIME_ZONE),
        now=timezone.now(),
    )
    return form, scope


@permission_required("reports.view_dashboard")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, scope = _read_filter(request)
    figures = []
    if scope is not None:
        figures = metrics.build(scope)
    context = {
        "form": form,
        "scope": scope,
        "figures": figures,
        "headlines": [headline for figure in figures for headline in figure.headlines],
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/dashboard.html", context)


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (an office or provider name could start with '=')."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value.replace(",", "").rstrip("%"))
        except ValueError:
            return "'" + value
    return value


@permission_required("reports.view_dashboard")
@require_GET
def dashboard_csv(request: HttpRequest, key: str) -> HttpResponse:
    """One chart's table as CSV, for the same office and days as the page."""
    if key not in metrics.figure_keys():
        raise Http404
    form, scope = _read_filter(request)
    if scope is None:
        return render(request, "reports/dashboard.html", {"form": form, "figures": []}, status=400)
    found: list[Figure] = metrics.build(scope, only=key)
    if not found:
        # A by-office figure asked for one office: there is no such table.
        raise Http404
    figure = found[0]
    where = scope.office.slug if scope.office is not None else "all-offices"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veinflow-{key}-{where}-{scope.first}-{scope.last}.csv"'
    writer = csv.writer(response)
    writer.writerow([_cell(c) for c in figure.table.columns])
    writer.writerows([_cell(c) for c in row] for row in figure.table.rows)
    return response
