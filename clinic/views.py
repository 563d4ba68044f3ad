from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from clinic import drafts, navigation
from clinic.access import get_for, permission_required
from clinic.audit_page import AuditPage, audit_row
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
    """The trail, newest first, a page at a time by keyset: the same queries and the same
    index range scan on the first page and the ten-thousandth, whatever the filters."""
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if form.is_valid():
        entries = form.filter(entries)
    page = AuditPage.read(entries, before=request.GET.get("before"), after=request.GET.get("after"))
    query = request.GET.copy()
    for key in ("before", "after"):
        query.pop(key, None)
    context = {"form": form, "page": page, "rows": [audit_row(e) for e in page.entries], "query": query.urlencode()}
    return render(request, "clinic/audit_log.html", context)


@permission_required("clinic.add_formdraft")
@require_POST
def draft_autosave(request: HttpRequest) -> HttpResponse:
    """Keeps what is typed into a long form (see clinic.drafts); answers with the time saved."""
    key = request.POST.get("draft", "")
    path, _sep, name = key.partition("#")
    try:
        resolve(path)
    except Resolver404:
        return HttpResponseBadRequest("Unknown form.")
    if not name or len(key) > 300:
        return HttpResponseBadRequest("Unknown form.")
    drafts.save(user=request.user, key=key, post=request.POST)
    return HttpResponse(f"Draft kept at {timezone.localtime().strftime('%H:%M:%S')}.")
