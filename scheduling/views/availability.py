"""Providers' weekly sessions and the exceptions to them: everyone reads, the clinic admin edits."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from clinic.access import get_for, permission_required
from clinic.models import Office
from scheduling.forms import AvailabilityExceptionForm, AvailabilityForm
from scheduling.models import Availability, AvailabilityException


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
    for form in (weekly_form, exception_form):
        if form.is_bound and form.is_valid():
            form.save()
            messages.success(request, "Schedule updated.")
            return redirect("scheduling:availability")
    office_slug = request.GET.get("office")
    office = Office.objects.filter(slug=office_slug).first() if office_slug else None
    today = timezone.localdate()
    sessions = Availability.objects.filter(valid_to__isnull=True) | Availability.objects.filter(valid_to__gte=today)
    exceptions = AvailabilityException.objects.filter(end_date__gte=today)
    if office is not None:
        sessions = sessions.filter(office=office)
        exceptions = exceptions.filter(office=office) | exceptions.filter(office__isnull=True)
    context = {
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
