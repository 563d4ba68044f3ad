from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from clinic import navigation
from clinic.access import get_for, permission_required
from clinic.forms import AuditFilterForm
from clinic.models import AuditEntry, Office
from clinic.roles import Role, primary_role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = primary_role(request.user)
    if role is None:
        # An account with no role yet (just created, never assigned): nothing to show.
        return render(request, "clinic/no_role.html", status=403)
    if role == Role.PATIENT:
        return redirect("/portal/")
    panels = navigation.panels_for(navigation.HOME, request)
    return render(request, "clinic/home.html", {"role": role, "panels": panels})


@permission_required("clinic.view_office")
def office_list(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.filter(is_active=True).prefetch_related("rooms")
    return render(request, "clinic/office_list.html", {"offices": offices})


@permission_required("clinic.view_office")
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    office = get_for(request, Office.objects.prefetch_related("rooms"), perm="clinic.view_office", slug=slug)
    staff = office.staff.select_related("user").prefetch_related("user__groups")
    return render(request, "clinic/office_detail.html", {"office": office, "staff": staff})


@permission_required("clinic.view_auditentry")
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor=data["actor"])
        if data["record_type"]:
            entries = entries.filter(content_type=data["record_type"])
        if data["object_pk"]:
            entries = entries.filter(object_pk=data["object_pk"])
        if data["action"] is not None:
            entries = entries.filter(action=data["action"])
        if data["since"]:
            entries = entries.filter(timestamp__date__gte=data["since"])
        if data["until"]:
            entries = entries.filter(timestamp__date__lte=data["until"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "clinic/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
