"""Leg photos: upload, the leg's visits side by side, and the audited image views.

No photo has a public address: every image and thumbnail is read through ``photo_file``,
which asks for the permission, fetches the photo through the getter (404 for anyone who
may not see it), records the read in the audit trail and streams the bytes, uncached.
"""

import datetime
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from clinic.access import get_for, permission_required
from clinic.audit import log_access, log_access_many
from evaluations.rules.segments import Side
from evaluations.views.common import get_patient_for
from photos.forms import CompareForm, LegPhotoUploadForm, RetireForm
from photos.models import LegPhoto, photo_storage
from photos.services import add_leg_photos

VIEW = "photos.view_legphoto"
ADD = "photos.add_legphoto"
CHOOSE_FOR_PACKET = "photos.change_legphoto"
RETIRE = "photos.retire_legphoto"


def get_photo_for(request: HttpRequest, pk: int, *, perm: str = VIEW) -> LegPhoto:
    return get_for(request, LegPhoto.objects.select_related("patient"), perm=perm, pk=pk)


def _visits(photos: list[LegPhoto]) -> list[tuple[datetime.date, list[LegPhoto]]]:
    """Photos grouped by visit day, in the order given."""
    return [(day, list(group)) for day, group in groupby(photos, key=lambda p: p.visit_date)]


@permission_required(VIEW)
def patient_photos(request: HttpRequest, pk: int) -> HttpResponse:
    """Each leg's photos by visit, and (for those who may) the form to add more."""
    patient = get_patient_for(request, pk)
    may_add = request.user.has_perm(ADD)
    form = None
    if may_add:
        form = LegPhotoUploadForm(request.POST or None, request.FILES or None, patient=patient)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            stored = add_leg_photos(
                patient=patient,
                side=data["side"],
                visit_date=form.visit_date,
                appointment=data["visit"],
                caption=data["caption"],
                photos=data["photos"],
                by=request.user,
            )
            side = Side(data["side"]).label.lower()
            messages.success(request, f"Added {len(stored)} photo{'s' if len(stored) != 1 else ''} of the {side} leg.")
            return redirect(f"{reverse('photos:patient_photos', args=[patient.pk])}#leg-{data['side']}")
    photos = list(
        LegPhoto.objects.filter(patient=patient)
        .select_related("taken_by", "retired_by")
        .order_by("side", "-visit_date", "uploaded_at", "pk")
    )
    log_access(patient)
    log_access_many(photos)
    current = [p for p in photos if not p.is_retired]
    legs = [
        {"side": side, "label": label, "visits": _visits([p for p in current if p.side == side])}
        for side, label in Side.choices
    ]
    context = {
        "patient": patient,
        "form": form,
        "legs": legs,
        "retired": [p for p in photos if p.is_retired],
        "may_choose": request.user.has_perm(CHOOSE_FOR_PACKET),
        "may_retire": request.user.has_perm(RETIRE),
    }
    return render(request, "photos/patient_photos.html", context, status=400 if form and form.errors else 200)


@permission_required(VIEW)
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """One leg at two visits, side by side (the earliest and the latest unless chosen)."""
    patient = get_patient_for(request, pk)
    form = CompareForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    photos = list(LegPhoto.objects.current().filter(patient=patient).order_by("visit_date", "uploaded_at", "pk"))
    side = chosen.get("side") or _leg_with_most_visits(photos)
    leg = [p for p in photos if p.side == side]
    days = sorted({p.visit_date for p in leg})
    before = chosen.get("before") if chosen.get("before") in days else (days[0] if days else None)
    after = chosen.get("after") if chosen.get("after") in days else (days[-1] if days else None)
    columns = [(day, [p for p in leg if p.visit_date == day]) for day in sorted({before, after} - {None})]
    shown = [p for _day, column in columns for p in column]
    log_access(patient)
    log_access_many(shown)
    context = {
        "patient": patient,
        "side": side,
        "side_label": Side(side).label,
        "sides": Side.choices,
        "days": days,
        "before": before,
        "after": after,
        "columns": columns,
    }
    return render(request, "photos/compare.html", context)


def _leg_with_most_visits(photos: list[LegPhoto]) -> str:
    counts = {side: len({p.visit_date for p in photos if p.side == side}) for side in Side.values}
    return max(Side.values, key=lambda side: counts[side])


def _stream(photo: LegPhoto, name: str, content_type: str, filename: str) -> FileResponse:
    try:
        opened = photo_storage().open(name, "rb")
    except FileNotFoundError as missing:
        raise Http404("The photo's file is missing from the storage.") from missing
    response = FileResponse(opened, content_type=content_type, as_attachment=False, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@permission_required(VIEW)
def photo_file(request: HttpRequest, pk: int) -> FileResponse:
    photo = get_photo_for(request, pk)
    log_access(photo)
    return _stream(photo, photo.image_name, photo.content_type, photo.filename)


@permission_required(VIEW)
def photo_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    photo = get_photo_for(request, pk)
    log_access(photo)
    return _stream(photo, photo.thumbnail_name, "image/jpeg", f"leg-photo-{photo.pk}-small.jpg")


@permission_required(CHOOSE_FOR_PACKET)
@require_POST
def photo_packet(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the photo to the prior-authorization packet, or take it out."""
    photo = get_photo_for(request, pk, perm=CHOOSE_FOR_PACKET)
    back = f"{reverse('photos:patient_photos', args=[photo.patient_id])}#photo-{photo.pk}"
    if photo.is_retired:
        messages.error(request, "A retired photo cannot go in the prior-authorization packet.")
        return redirect(back)
    photo.include_in_packet = request.POST.get("include") == "yes"
    photo.save(update_fields=["include_in_packet"])
    if photo.include_in_packet:
        messages.success(request, f"The {photo} goes in the prior-authorization packet.")
    else:
        messages.success(request, f"The {photo} is no longer in the prior-authorization packet.")
    return redirect(back)


@permission_required(RETIRE)
def photo_retire(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a photo off the pages with a reason; it stays in the record."""
    photo = get_photo_for(request, pk, perm=RETIRE)
    if photo.is_retired:
        messages.info(request, "This photo was already retired.")
        return redirect("photos:patient_photos", photo.patient_id)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        photo.retire(reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, f"Retired the {photo}. It stays in the record, off this page and the packet.")
        return redirect("photos:patient_photos", photo.patient_id)
    log_access(photo)
    return render(request, "photos/retire.html", {"photo": photo, "patient": photo.patient, "form": form})
