"""One queue for patients asking to move a visit, whichever way they asked.

A patient asks from the portal (a BookingRequest of kind "reschedule", with the time they
chose) or from the Reschedule link in a reminder (a RescheduleRequest: call me back). Both
wait here, oldest first, so the desk works one list instead of two pages.
"""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clinic.access import permission_required
from scheduling.audit import log_access_to_patients
from scheduling.models import Appointment, BookingRequest, RescheduleRequest

QUEUE_ROWS = 200


@dataclass
class QueueItem:
    asked_at: datetime.datetime
    appointment: Appointment
    # The portal's request with the patient's chosen time, or None for a reminder link's call-back.
    portal_request: BookingRequest | None = None
    reminder_request: RescheduleRequest | None = None

    @property
    def source(self) -> str:
        return "Portal" if self.portal_request is not None else "Reminder link"


def reschedule_queue_items() -> list[QueueItem]:
    """Open requests from both sources, oldest first: two queries."""
    portal = (
        BookingRequest.objects.queue()
        .filter(kind=BookingRequest.Kind.RESCHEDULE, appointment__isnull=False)
        .select_related("appointment__patient", "appointment__office", "appointment__appointment_type")[:QUEUE_ROWS]
    )
    links = (
        RescheduleRequest.objects.filter(handled_at__isnull=True)
        .select_related("appointment__patient", "appointment__office", "appointment__appointment_type")
        .order_by("requested_at", "pk")[:QUEUE_ROWS]
    )
    items = [QueueItem(asked_at=r.created_at, appointment=r.appointment, portal_request=r) for r in portal]
    items += [QueueItem(asked_at=r.requested_at, appointment=r.appointment, reminder_request=r) for r in links]
    return sorted(items, key=lambda item: item.asked_at)


@permission_required("scheduling.view_reschedulerequest", "scheduling.view_bookingrequest")
@require_GET
def reschedule_queue(request: HttpRequest) -> HttpResponse:
    items = reschedule_queue_items()
    log_access_to_patients([item.appointment for item in items])
    return render(request, "scheduling/reschedule_queue.html", {"items": items})
