"""Forms validate and normalise: each uploaded file becomes a clean photo here, or a message."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from evaluations.rules.segments import Side
from intake.models import Patient
from photos import pipeline
from scheduling.models import Appointment, Status

# One visit's worth from a phone: both legs, front and back, a close-up or two.
MAX_FILES = 8
VISITS_OFFERED = 12


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotoFilesField(forms.FileField):
    """One or more files (Django's documented pattern for <input multiple>), each read by its content."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"Choose at most {MAX_FILES} photos at a time.", code="too_many")
        return [super(PhotoFilesField, self).clean(f, initial) for f in files]


class VisitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, appointment: Appointment) -> str:
        when = date_format(appointment.local_start.date(), "M j, Y")
        return f"{when} · {appointment.appointment_type.name} · {appointment.office.name}"


def visits_for(patient: Patient, *, now: datetime.datetime | None = None):
    """The patient's visits a photo can belong to: today's and past ones, kept or under way, newest first."""
    now = now or timezone.now()
    return (
        Appointment.objects.filter(patient=patient, start__lt=now + datetime.timedelta(hours=12))
        .exclude(status__in=[Status.CANCELLED, Status.NO_SHOW])
        .select_related("office", "appointment_type")
        .order_by("-start")
    )


class LegPhotoUploadForm(forms.Form):
    side = forms.ChoiceField(
        label="Leg",
        choices=Side.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the leg in the photo.", "invalid_choice": "Choose the right or left leg."},
    )
    visit = VisitChoiceField(
        label="Visit",
        queryset=Appointment.objects.none(),
        required=False,
        empty_label="Today, not a booked visit",
        error_messages={"invalid_choice": "Choose one of this patient's visits."},
    )
    caption = forms.CharField(
        label="Caption (optional)",
        max_length=200,
        required=False,
        help_text="What the photo shows, e.g. 'medial calf, standing'.",
    )
    photos = PhotoFilesField(
        label="Photos",
        help_text="Take them with the phone's camera or choose files: JPEG, PNG or WebP.",
        error_messages={"required": "Take or choose at least one photo.", "empty": "This file is empty."},
    )

    def __init__(self, *args: Any, patient: Patient, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.fields["visit"].queryset = visits_for(patient)
        self.fields["visit"].choices = [("", self.fields["visit"].empty_label)] + [
            (visit.pk, self.fields["visit"].label_from_instance(visit))
            for visit in self.fields["visit"].queryset[:VISITS_OFFERED]
        ]
        self.fields["photos"].widget.attrs.update({"accept": "image/*", "capture": "environment", "multiple": True})

    def clean_photos(self) -> list[pipeline.ProcessedPhoto]:
        files: list[UploadedFile] = self.cleaned_data["photos"]
        limit_mb = settings.CLINICAL_PHOTO_MAX_MB
        processed, problems = [], []
        for upload in files:
            try:
                if upload.size > limit_mb * 1_000_000:
                    raise pipeline.PhotoRefused(pipeline.too_large_message(upload.size, limit_mb))
                processed.append(pipeline.process(upload))
            except pipeline.PhotoRefused as refused:
                # The file's own name helps the clinician find it; it is never stored.
                problems.append(f"{upload.name}: {refused}" if len(files) > 1 else str(refused))
        if problems:
            raise forms.ValidationError(problems)
        return processed

    @property
    def visit_date(self) -> datetime.date:
        visit = self.cleaned_data.get("visit")
        return visit.local_start.date() if visit is not None else timezone.localdate()


class RetireForm(forms.Form):
    reason = forms.CharField(
        label="Why retire this photo?",
        max_length=200,
        help_text="Kept in the record, e.g. 'wrong patient', 'blurred', 'duplicate'.",
        error_messages={"required": "Say why the photo is retired; the reason stays in the record."},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why the photo is retired; the reason stays in the record.")
        return reason


class CompareForm(forms.Form):
    """Which leg and which two visits to set side by side (GET; anything unreadable falls back)."""

    side = forms.ChoiceField(label="Leg", choices=Side.choices, required=False)
    before = forms.DateField(label="Earlier visit", required=False)
    after = forms.DateField(label="Later visit", required=False)
