"""The patient registry: search, register, edit, the chart, and the intake questionnaire."""

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from clinic import drafts, navigation
from clinic.access import get_for, permission_required
from clinic.audit import log_access, log_access_many
from clinic.models import AuditEntry
from intake import services
from intake.charts import symptom_chart
from intake.forms import AllergyForm, IntakeForm, PatientForm, PatientSearchForm, SymptomScoreForm
from intake.medications import DrugCatalogue
from intake.models import Allergy, IntakeRecord, Occasion, Patient, SymptomScore
from intake.models.patients import PatientQuerySet
from intake.models.records import intake_history_for
from intake.models.symptoms import symptom_history_for
from intake.safety import chart_alerts
from intake.summary import cramp_cause_summary

VIEW = "intake.view_patient"
# Who opened the chart lately: enough to spot a stranger, short enough to read.
ACCESS_ROWS = 10


def _get_patient_for(request: HttpRequest, pk: int, perm: str = VIEW) -> Patient:
    """The one way views load a patient: permission checked, unknown ids 404 (clinic.access)."""
    # The office is shown; the portal login only by its id (patient.user_id), so its row is not joined.
    return get_for(request, Patient.objects.select_related("preferred_office"), perm=perm, pk=pk)


@permission_required(VIEW)
def patient_list(request: HttpRequest) -> HttpResponse:
    form = PatientSearchForm(request.GET or None)
    patients: list[Patient] = []
    more = False
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        limit = PatientQuerySet.SEARCH_LIMIT
        found = list(Patient.objects.search(query).select_related("preferred_office")[: limit + 1])
        patients, more = found[:limit], len(found) > limit
        log_access_many(patients)
    return render(
        request,
        "intake/patient_list.html",
        {"form": form, "patients": patients, "more": more, "query": query},
    )


@permission_required("intake.add_patient")
@require_http_methods(["GET", "POST"])
def patient_create(request: HttpRequest) -> HttpResponse:
    form = PatientForm(request.POST or None)
    matches = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matches = services.match_patients(
            first_name=data["first_name"],
            last_name=data["last_name"],
            date_of_birth=data["date_of_birth"],
            phone=data["phone"],
            email=data["email"],
        )
        sure = [m for m in matches if m.is_sure]
        if sure:
            messages.warning(request, "This patient is already registered; here is the chart.")
            return redirect(sure[0].patient)
        if not matches or request.POST.get("confirm_new") == "yes":
            patient = form.save()
            messages.success(request, f"{patient.full_name} is registered.")
            return redirect(patient)
    return render(request, "intake/patient_form.html", {"form": form, "matches": matches, "patient": None})


@permission_required("intake.change_patient")
@require_http_methods(["GET", "POST"])
def patient_edit(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk, "intake.change_patient")
    log_access(patient)
    form = PatientForm(request.POST or None, instance=patient)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect(patient)
    return render(request, "intake/patient_form.html", {"form": form, "matches": [], "patient": patient})


def _recent_access(patient: Patient) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Patient),
            object_pk=str(patient.pk),
            action=AuditEntry.Action.ACCESS,
        )
        .select_related("actor")
        # Who and when: an entry's other columns are wide JSON the card does not show.
        .only("timestamp", "actor__username", "actor__first_name", "actor__last_name")
        .order_by("-timestamp")[:ACCESS_ROWS]
    )


def _history_rows(patient: Patient, records: list[IntakeRecord]) -> list[dict[str, Any]]:
    """The symptom history table, newest first: each row's link and texts made here, once per
    record, not with a {% url %}, two filters and a choice lookup per row in the template
    (thirty rows took 3.2 ms of bench P7's chart that way)."""
    return [
        {
            "url": reverse("intake_record_detail", args=[patient.pk, record.pk]),
            "recorded_at": record.recorded_at,
            "left": ", ".join(record.symptoms_on_left) or "—",
            "right": ", ".join(record.symptoms_on_right) or "—",
            "source": record.get_source_display(),
        }
        for record in reversed(records)
    ]


@permission_required(VIEW)
def patient_chart(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk)
    log_access(patient)
    records = intake_history_for(request, patient)
    latest = records[-1] if records else None
    catalogue = DrugCatalogue.for_lines(latest.medication_lines()) if latest else None
    summary = cramp_cause_summary(patient, latest, catalogue) if latest else None
    alerts = chart_alerts(patient, record=latest, catalogue=catalogue)
    log_access_many(alerts.allergies)
    actions = []
    if request.user.has_perm("intake.add_intakerecord"):
        actions.append(("Record intake", reverse("intake_record_create", args=[patient.pk])))
    if request.user.has_perm("intake.add_symptomscore"):
        actions.append(("Record symptom score", reverse("symptom_score_create", args=[patient.pk])))
    symptom_scores = []
    if request.user.has_perm("intake.view_symptomscore"):
        symptom_scores = list(reversed(symptom_history_for(request, patient)))
        log_access_many(symptom_scores)
    actions += navigation.actions_for(navigation.PATIENT_CHART, request.user, patient)
    return render(
        request,
        "intake/patient_chart.html",
        {
            "patient": patient,
            "history_rows": _history_rows(patient, records),
            "latest": latest,
            "summary": summary,
            "alerts": alerts,
            "chart": symptom_chart(records),
            "symptom_scores": symptom_scores,
            "screenings": list(patient.screenings.order_by("-submitted_at")),
            "access": _recent_access(patient),
            "actions": actions,
            "panels": navigation.panels_for(navigation.PATIENT_CHART, request, patient),
            "can_edit": request.user.has_perm("intake.change_patient"),
            "patient_record_type": ContentType.objects.get_for_model(Patient).pk,
        },
    )


@permission_required("intake.add_allergy")
@require_http_methods(["GET", "POST"])
def allergy_add(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk, "intake.add_allergy")
    log_access(patient)
    form = AllergyForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        form.instance.recorded_by = request.user
        allergy = form.save()
        messages.success(request, f"Allergy recorded: {allergy.agent_name}.")
        return redirect(patient)
    status = 400 if request.method == "POST" else 200
    return render(request, "intake/allergy_form.html", {"form": form, "patient": patient}, status=status)


@permission_required("intake.delete_allergy")
@require_http_methods(["POST"])
def allergy_remove(request: HttpRequest, pk: int, allergy_pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk, "intake.view_patient")
    allergy = get_for(request, Allergy.objects.all(), perm="intake.delete_allergy", pk=allergy_pk, patient=patient)
    allergy.delete()
    messages.success(request, f"Allergy removed from the chart: {allergy.agent_name}.")
    return redirect(patient)


@permission_required("intake.add_intakerecord")
@require_http_methods(["GET", "POST"])
def intake_record_create(request: HttpRequest, pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk, "intake.add_intakerecord")
    log_access(patient)
    latest = IntakeRecord.objects.filter(patient=patient).order_by("-recorded_at", "-pk").first()
    # Start from the last answers: staff change what changed, and a new record is kept.
    initial = latest.answers() if latest else {}
    draft = drafts.find(request, "intake") if request.method == "GET" else None
    form = IntakeForm(request.POST or None, patient=patient, initial=drafts.initial(draft, IntakeForm) or initial)
    if request.method == "POST" and form.is_valid():
        services.record_intake(
            patient=patient, data=form.answer_data(), entered_by=request.user, source=IntakeRecord.Source.STAFF
        )
        drafts.discard(request, "intake")
        messages.success(request, "Intake answers recorded.")
        return redirect(patient)
    context = {"form": form, "patient": patient, "latest": latest, "draft": draft}
    return render(request, "intake/intake_form.html", context)


@permission_required("intake.view_intakerecord")
def intake_record_detail(request: HttpRequest, pk: int, record_pk: int) -> HttpResponse:
    patient = _get_patient_for(request, pk, "intake.view_intakerecord")
    record = get_for(
        request,
        IntakeRecord.objects.select_related("entered_by", "screening"),
        perm="intake.view_intakerecord",
        pk=record_pk,
        patient=patient,
    )
    log_access(record)
    return render(request, "intake/intake_record_detail.html", {"patient": patient, "record": record})


@permission_required("intake.add_symptomscore")
@require_http_methods(["GET", "POST"])
def symptom_score_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The desk types the patient's own answers (by phone, or on paper at check-in); kept as entered on their behalf."""
    patient = _get_patient_for(request, pk, "intake.add_symptomscore")
    log_access(patient)
    has_baseline = SymptomScore.objects.filter(patient=patient, occasion=Occasion.BASELINE).exists()
    initial = {"occasion": Occasion.OTHER if has_baseline else Occasion.BASELINE}
    form = SymptomScoreForm(request.POST or None, ask_occasion=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_symptom_score(
            patient=patient,
            scores=form.scores(),
            occasion=form.cleaned_data["occasion"],
            source=SymptomScore.Source.STAFF,
            entered_by=request.user,
        )
        messages.success(request, "Symptom score recorded, as entered on the patient's behalf.")
        return redirect(patient)
    return render(request, "intake/symptom_score_form.html", {"form": form, "patient": patient})
