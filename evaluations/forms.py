"""Forms validate and normalise; the models and services decide."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from clinic.models import Office
from evaluations import selectors
from evaluations.models import (
    Addendum,
    DuplexStudy,
    Evaluation,
    Icd10Code,
    LegAssessment,
    PayerRuleSet,
    PlanItem,
    PriorAuthorization,
    SegmentFinding,
)
from evaluations.models.diagnoses import check_code_exists
from evaluations.models.notes import ULCER_SITE_WITHOUT_ULCER
from evaluations.models.plans import ItemStatus
from evaluations.rules import ceap, icd10, vcss, wells
from evaluations.rules import segments as seg
from evaluations.rules.segments import Segment, Side

DATE = forms.DateInput(attrs={"type": "date"})

# Errors in a clinician's words, naming the unit and the plausible range, in place of
# Django's defaults ("Ensure that there are no more than 2 digits before the decimal point").
DIAMETER_RANGE = f"Diameter is in millimetres: enter a value between 0.1 and {seg.MAX_DIAMETER_MM:.1f}, e.g. 6.5."
DIAMETER_ERRORS = {
    "invalid": DIAMETER_RANGE,
    "max_digits": DIAMETER_RANGE,
    "max_whole_digits": DIAMETER_RANGE,
    "max_decimal_places": "Diameter is recorded to a tenth of a millimetre, e.g. 6.5 (not 6.55).",
    "min_value": f"A vein diameter is more than 0 mm: enter 0.1 to {seg.MAX_DIAMETER_MM:.1f}.",
    "max_value": f"A leg vein wider than 30 mm is not plausible; re-measure (0.1 to {seg.MAX_DIAMETER_MM:.1f} mm).",
}
REFLUX_RANGE = f"Reflux time is in whole milliseconds: enter 0 to {seg.MAX_REFLUX_MS}, e.g. 650."
TRIAL_DAYS_RANGE = "A compression trial is counted in whole days: enter 1 to 365 (e.g. 90 for three months)."


class MeasurementField(forms.DecimalField):
    """A measurement says one thing wrong at a time: 123.4 mm is "not plausible", not also "too many digits"."""

    def run_validators(self, value: Decimal | None) -> None:
        try:
            super().run_validators(value)
        except ValidationError as error:
            raise ValidationError(error.error_list[0]) from error


def _date_errors(what: str) -> dict[str, str]:
    return {"invalid": f"Enter the {what} as a calendar date, e.g. 2030-06-04."}


def _choice_errors(what: str) -> dict[str, str]:
    return {"invalid_choice": f"Choose the {what} from the list.", "required": f"Choose the {what}."}


class PatientSearchForm(forms.Form):
    q = forms.CharField(label="Patient name", max_length=80, required=False)


class StudyStartForm(forms.ModelForm):
    class Meta:
        model = DuplexStudy
        fields = ["appointment", "office", "legs", "indication"]

    def __init__(self, *args, patient, offices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices if offices is not None else Office.objects.filter(is_active=True)
        self.fields["appointment"].queryset = selectors.duplex_appointments_for(patient)
        self.fields["appointment"].required = False
        self.fields["appointment"].label = "Appointment (if booked)"

    def clean(self) -> dict:
        data = super().clean()
        appointment = data.get("appointment")
        if appointment is not None:
            data["office"] = appointment.office
        return data


class FindingForm(forms.ModelForm):
    reflux_ms = forms.IntegerField(
        label="Reflux (ms)",
        required=False,
        min_value=0,
        max_value=10_000,
        error_messages={
            "invalid": REFLUX_RANGE,
            "min_value": "A reflux time cannot be negative.",
            "max_value": "Reflux over 10 seconds (10000 ms) is not physiological; re-measure.",
        },
    )
    diameter_mm = MeasurementField(
        label="Diameter (mm)",
        required=False,
        max_digits=3,
        decimal_places=1,
        min_value=Decimal("0.1"),
        max_value=seg.MAX_DIAMETER_MM,
        error_messages=DIAMETER_ERRORS,
    )

    class Meta:
        model = SegmentFinding
        fields = [
            "side",
            "segment",
            "location",
            "reflux_ms",
            "diameter_mm",
            "compressibility",
            "thrombus",
            "ulcer",
            "notes",
        ]

        error_messages = {
            "side": _choice_errors("leg"),
            "segment": _choice_errors("vein segment"),
            "compressibility": _choice_errors("compressibility"),
            "thrombus": _choice_errors("thrombus finding"),
            "ulcer": _choice_errors("ulcer position"),
        }

    def __init__(self, *args, study: DuplexStudy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.study = study
        self.fields["side"].choices = [c for c in self.fields["side"].choices if c[0] in study.sides]


class StudyImpressionForm(forms.ModelForm):
    class Meta:
        model = DuplexStudy
        fields = ["impression"]
        widgets = {"impression": forms.Textarea(attrs={"rows": 3})}


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["visit_date", "history", "exam", "assessment", "plan_text"]
        widgets = {
            "visit_date": DATE,
            "history": forms.Textarea(attrs={"rows": 3}),
            "exam": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 3}),
            "plan_text": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"visit_date": {**_date_errors("visit date"), "required": "Enter the visit date."}}


def _score_field(item: str) -> forms.TypedChoiceField:
    anchors = vcss.ANCHORS[item]
    return forms.TypedChoiceField(
        label=vcss.VcssItem(item).label,
        choices=[(score, f"{score} · {text}") for score, text in enumerate(anchors)],
        coerce=int,
        error_messages={
            "invalid_choice": "VCSS items are scored 0 to 3.",
            "required": "Score this VCSS item (0 to 3).",
        },
    )


class LegAssessmentForm(forms.ModelForm):
    clinical_classes = forms.MultipleChoiceField(
        label="C · clinical classes present",
        choices=ceap.ClinicalClass.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Tick the CEAP clinical classes (C0 to C6) from the list."},
    )
    segments = forms.MultipleChoiceField(
        label="Affected segments",
        choices=Segment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Tick the affected segments from the list."},
    )

    class Meta:
        model = LegAssessment
        fields = [
            "clinical_classes",
            "symptomatic",
            "etiology",
            "anatomy_superficial",
            "anatomy_deep",
            "anatomy_perforator",
            "pathophysiology",
            "segments",
            "ulcer_site",
            *vcss.ITEMS,
            "bleeding",
            "thrombophlebitis",
            "limits_daily_life",
        ]
        error_messages = {
            "etiology": _choice_errors("CEAP etiology (E)"),
            "pathophysiology": _choice_errors("CEAP pathophysiology (P)"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for item in vcss.ITEMS:
            self.fields[item] = _score_field(item)

    def clean(self) -> dict:
        data = super().clean()
        classes = data.get("clinical_classes") or []
        if ceap.ClinicalClass.C0 in classes and len(classes) > 1:
            self.add_error("clinical_classes", "C0 means no signs at all; it cannot be combined with other classes.")
        scores = {item: data.get(item, 0) or 0 for item in vcss.ITEMS}
        if not vcss.ulcer_items_consistent(scores):
            self.add_error("ulcer_duration", "Ulcer duration and size are scored only when there is an active ulcer.")
        if data.get("ulcer_site") and not set(classes) & icd10.ACTIVE_ULCER:
            self.add_error("ulcer_site", ULCER_SITE_WITHOUT_ULCER)
        return data


class DiagnosisForm(forms.Form):
    """The ICD-10-CM codes the physician confirms on a note: ticked suggestions and codes typed in."""

    codes = forms.MultipleChoiceField(
        label="Confirm the diagnoses that apply",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Tick only the codes listed here; type any other code below."},
    )
    other = forms.CharField(
        label="Other ICD-10-CM codes",
        max_length=200,
        required=False,
        help_text="Separated by commas or spaces, e.g. I83.893, I87.2.",
    )

    def __init__(self, *args, suggested=(), confirmed=(), **kwargs) -> None:
        """``suggested``: services.SuggestedCode; ``confirmed``: the note's Diagnosis rows."""
        listed = {s.code.code: f"{s.code} · suggested: {s.reason}" for s in suggested}
        for diagnosis in confirmed:
            listed.setdefault(diagnosis.code.code, str(diagnosis.code))
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {"codes": [d.code.code for d in confirmed], **kwargs["initial"]}
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = list(listed.items())
        self.suggested_codes = [s.code.code for s in suggested]

    def clean_other(self) -> list:
        codes, errors = [], []
        for text in (t for t in re.split(r"[\s,;]+", self.cleaned_data["other"]) if t):
            try:
                codes.append(check_code_exists(text))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return codes

    def confirmed_codes(self) -> list:
        """The codes to keep on the note, in the order given (call after is_valid())."""
        ticked = list(Icd10Code.objects.filter(code__in=self.cleaned_data["codes"]))
        return list({c.pk: c for c in [*ticked, *self.cleaned_data["other"]]}.values())


class AddendumForm(forms.ModelForm):
    class Meta:
        model = Addendum
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": "Addendum"}


class PlanForm(forms.Form):
    payer_rule_set = forms.ModelChoiceField(
        label="Payer rules", queryset=PayerRuleSet.objects.active(), required=False, empty_label="No payer check"
    )


class PlanItemForm(forms.ModelForm):
    trial_days = forms.IntegerField(
        label="Trial days",
        required=False,
        min_value=1,
        max_value=365,
        error_messages={
            "invalid": TRIAL_DAYS_RANGE,
            "min_value": TRIAL_DAYS_RANGE,
            "max_value": "A trial longer than a year is not a trial: enter 1 to 365 days.",
        },
    )

    class Meta:
        model = PlanItem
        fields = ["kind", "side", "target_segment", "compression_class", "start_date", "trial_days", "instructions"]
        widgets = {"start_date": DATE}
        error_messages = {
            "kind": _choice_errors("treatment"),
            "side": _choice_errors("leg"),
            "target_segment": _choice_errors("vein to treat"),
            "compression_class": _choice_errors("compression class"),
            "start_date": _date_errors("day the trial started"),
        }


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ItemStatus.choices, error_messages=_choice_errors("new status"))
    authorization_number = forms.CharField(
        max_length=40,
        required=False,
        error_messages={
            "max_length": "An authorization number is at most 40 characters; check it against the payer's."
        },
    )
    done_on = forms.DateField(required=False, widget=DATE, error_messages=_date_errors("day it was done"))


class ScheduleProcedureForm(forms.Form):
    office = forms.ModelChoiceField(
        queryset=Office.objects.filter(is_active=True), error_messages=_choice_errors("office")
    )
    start = forms.DateTimeField(
        label="Start (office time)",
        error_messages={
            "invalid": "Enter the start as a date and a time in the office's clock, e.g. 2030-06-04 09:30.",
            "required": "Enter the start.",
        },
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # Set by the "Book anyway" button a physician sees when safety checks refuse the booking.
    override = forms.BooleanField(required=False, widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label="Why book it anyway (physician)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_override_reason(self) -> str:
        return (self.cleaned_data.get("override_reason") or "").strip()

    def clean(self) -> dict:
        data = super().clean()
        office, start = data.get("office"), data.get("start")
        if office and start:
            # The clinician types the office's wall-clock time, whatever zone the server runs in.
            naive = start.replace(tzinfo=None)
            data["start"] = naive.replace(tzinfo=office.zone)
        if data.get("override") and not data.get("override_reason"):
            self.add_error(
                "override_reason", "Write why the procedure should go ahead despite the safety checks above."
            )
        if not data.get("override"):
            data["override_reason"] = ""
        return data

    def booking(self) -> dict:
        """What schedule_procedure takes from the form."""
        data = self.cleaned_data
        return {"office": data["office"], "start": data["start"], "override_reason": data["override_reason"]}


class WellsForm(forms.Form):
    """The ten Wells items for one leg; items the patient's answers suggest come pre-ticked, and say so."""

    # Chosen with the leg buttons above the form (the pre-filled items depend on the leg).
    side = forms.ChoiceField(label="Leg assessed", choices=Side.choices, widget=forms.HiddenInput)

    def __init__(self, *args, hints: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hints = hints or {}
        for item in wells.ITEMS:
            self.fields[item.code] = forms.BooleanField(
                label=f"{item.label} ({item.points_text})",
                required=False,
                help_text=f"Pre-filled from the patient's answers: {self.hints[item.code]} Please confirm."
                if item.code in self.hints
                else "",
            )

    def clean(self) -> dict:
        data = super().clean()
        if "side" in self.errors:
            # The field is hidden, so say it where it shows.
            raise forms.ValidationError("Choose the leg you assessed with the Right leg or Left leg button.")
        return data

    def present(self) -> dict[str, bool]:
        return {code: bool(self.cleaned_data.get(code)) for code in wells.CODES}


class PriorAuthorizationForm(forms.ModelForm):
    class Meta:
        model = PriorAuthorization
        fields = ["required", "status", "submitted_on", "payer_reference", "number", "units", "valid_until"]
        widgets = {"submitted_on": DATE, "valid_until": DATE}
        labels = {"required": "Payer requires it", "number": "Authorization #"}
        error_messages = {"units": {"min_value": "An authorization covers at least one unit."}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].widget.attrs["min"] = 1
        for name in ("payer_reference", "number"):
            self.fields[name].strip = True
