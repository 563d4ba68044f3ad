"""Providers' weekly sessions and the exceptions to them: everyone reads, the clinic admin edits."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from clinic.access import get_for, permission_required
from clinic.models import Office
from scheduling.audit import log_access_to_patients
from scheduling.forms import AvailabilityExceptionForm, AvailabilityForm
from scheduling.models import Availability, AvailabilityException
from scheduling.services.closures import add_availability_exception, affected_appointments


def _number(raw: str | None) -> int:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


@permission_required("scheduling.view_availability")
@require_http_methods(["GET", "POST"])
def availability(request: HttpRequest) -> HttpResponse:
    editor = request.user.has_perms(["scheduling.add_availability", "scheduling.add_availabilityexception"])
    posted = request.method == "POST"
    if posted and not editor:
        return HttpResponse("Only a clinic admin edits schedules.", status=403)
    which = request.GET.get("form")
    weekly_form = AvailabilityForm(request.POST if posted and which == "weekly" else None, prefix="weekly")
    exception_form = AvailabilityExceptionForm(
        request.POST if posted and which == "exception" else None, prefix="exception"
    )
    if weekly_form.is_bound and weekly_form.is_valid():
        weekly_form.save()
        messages.success(request, "Schedule updated.")
        return redirect("scheduling:availability")
    if exception_form.is_bound and exception_form.is_valid():
        exception = exception_form.instance
        affected = affected_appointments(exception)
        if affected and not request.POST.get("confirm_affected"):
            # Before saving: who is booked then, and a way back without saving.
            log_access_to_patients(affected)
            context = {"exception": exception, "affected": affected, "posted": request.POST.items()}
            return render(request, "scheduling/exception_confirm.html", context)
        affected = add_availability_exception(exception=exception)
        if not affected:
            messages.success(request, "Schedule updated.")
            return redirect("scheduling:availability")
        messages.warning(
            request,
            f"Saved. {len(affected)} booked visit(s) fall on it: their reminders are stopped; move or call each.",
        )
        return redirect(f"{reverse('scheduling:availability')}?affected={exception.pk}")
    office_slug = request.GET.get("office")
    office = Office.objects.filter(slug=office_slug).first() if office_slug else None
    today = timezone.localdate()
    sessions = Availability.objects.filter(valid_to__isnull=True) | Availability.objects.filter(valid_to__gte=today)
    exceptions = AvailabilityException.objects.filter(end_date__gte=today)
    if office is not None:
        sessions = sessions.filter(office=office)
        exceptions = exceptions.filter(office=office) | exceptions.filter(office__isnull=True)
    after = AvailabilityException.objects.filter(pk=_number(request.GET.get("affected"))).first()
    affected = affected_appointments(after) if after is not None else []
    log_access_to_patients(affected)
    context = {
        "after": after,
        "affected": affected,
        "sessions": sessions.select_related("provider__user", "office").order_by(
            "office__name", "weekday", "start_time"
        ),
        "exceptions": exceptions.select_related("provider__user", "office").order_by("date", "start_time")[:200],
        "offices": Office.objects.filter(is_active=True),
        "office": office,
        "editor": editor,
        "weekly_form": weekly_form,
        "exception_form": exception_form,
    }
    return render(request, "scheduling/availability.html", context)


@permission_required("scheduling.delete_availabilityexception")
@require_POST
def availability_exception_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_for(request, AvailabilityException, perm="scheduling.delete_availabilityexception", pk=pk).delete()
    messages.success(request, "Exception removed.")
    return redirect("scheduling:availability")
