from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from clinic import drafts, navigation
from clinic.forms import AuditFilterForm
from clinic.models import AuditEntry, Office
from clinic.roles import STAFF_ROLES, Role, primary_role, role_required


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


@role_required(*STAFF_ROLES)
def office_list(request: HttpRequest) -> HttpResponse:
    offices = Office.objects.filter(is_active=True).prefetch_related("rooms")
    return render(request, "clinic/office_list.html", {"offices": offices})


@role_required(*STAFF_ROLES)
def office_detail(request: HttpRequest, slug: str) -> HttpResponse:
    office = get_object_or_404(Office.objects.prefetch_related("rooms"), slug=slug)
    staff = office.staff.select_related("user").prefetch_related("user__groups")
    return render(request, "clinic/office_detail.html", {"office": office, "staff": staff})


@role_required(Role.CLINIC_ADMIN)
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


@role_required(*STAFF_ROLES)
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
