from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinic import drafts
from clinic.audit import log_access
from clinic.roles import Role, has_role, role_required
from evaluations import diagram, selectors, services
from evaluations.forms import FindingForm, PatientSearchForm, StudyImpressionForm, StudyStartForm
from evaluations.views.common import CLINICAL, get_finding_for, get_patient_for, get_study_for, offices_of
from intake.models import Patient


@role_required(*CLINICAL)
def worklist(request: HttpRequest) -> HttpResponse:
    form = PatientSearchForm(request.GET or None)
    patients = Patient.objects.none()
    if form.is_valid() and form.cleaned_data["q"]:
        words = form.cleaned_data["q"].split()
        query = Q()
        for word in words:
            query &= Q(last_name__istartswith=word) | Q(first_name__istartswith=word)
        patients = Patient.objects.filter(query).order_by("last_name", "first_name")[:25]
    offices = offices_of(request)
    context = {
        "form": form,
        "patients": patients,
        "in_progress": selectors.studies_in_progress(offices)[:25],
        "recent": selectors.recent_studies(offices)[:25],
    }
    return render(request, "evaluations/worklist.html", context)


@role_required(*CLINICAL)
def patient_overview(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    log_access(patient)
    context = {
        "patient": patient,
        **selectors.patient_vein_record(patient, include_drafts=has_role(request.user, Role.PHYSICIAN)),
    }
    return render(request, "evaluations/patient_overview.html", context)


@role_required(Role.SONOGRAPHER)
def study_start(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    offices = offices_of(request)
    form = StudyStartForm(request.POST or None, patient=patient, offices=offices, initial={"office": offices.first()})
    if request.method == "POST" and form.is_valid():
        study = services.start_study(patient=patient, by=request.user, **form.cleaned_data)
        return redirect(study)
    return render(request, "evaluations/study_start.html", {"patient": patient, "form": form})


@role_required(*CLINICAL)
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_study_for(request, pk)
    log_access(study)
    can_record = has_role(request.user, Role.SONOGRAPHER) and not study.is_final
    draft = drafts.find(request, "finding") if can_record and request.method == "GET" else None
    form = (
        FindingForm(request.POST or None, study=study, initial=drafts.initial(draft, FindingForm))
        if can_record
        else None
    )
    if request.method == "POST":
        if form is None:
            messages.error(request, "This study is final; its findings can no longer be changed.")
            return redirect(study)
        if form.is_valid():
            finding = services.save_finding(finding=form.save(commit=False), by=request.user)
            drafts.discard(request, "finding")
            if finding.has_thrombus:
                messages.warning(request, f"{finding.alert_label}. The office's physicians have been alerted.")
            else:
                messages.success(request, f"Recorded {finding}.")
            return redirect(study)
    findings = list(study.findings.all())
    context = {
        "study": study,
        "patient": study.patient,
        "findings": findings,
        "diagram": diagram.build(findings, selectors.treated_segments(study.patient)),
        "form": form,
        "impression_form": StudyImpressionForm(instance=study) if can_record else None,
        "draft": draft,
    }
    return render(request, "evaluations/study_detail.html", context)


@role_required(Role.SONOGRAPHER)
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding_for(request, pk)
    study = finding.study
    if study.is_final:
        messages.error(request, "This study is final; its findings can no longer be changed.")
        return redirect(study)
    draft = drafts.find(request, "finding") if request.method == "GET" else None
    form = FindingForm(request.POST or None, instance=finding, study=study, initial=drafts.initial(draft, FindingForm))
    if request.method == "POST" and form.is_valid():
        services.save_finding(finding=form.save(commit=False), by=request.user)
        drafts.discard(request, "finding")
        messages.success(request, f"Updated {finding}.")
        return redirect(study)
    context = {"form": form, "study": study, "finding": finding, "draft": draft}
    return render(request, "evaluations/finding_form.html", context)


@role_required(Role.SONOGRAPHER)
@require_POST
def study_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_study_for(request, pk)
    form = StudyImpressionForm(request.POST, instance=study)
    if study.is_final:
        messages.error(request, "This study is already final.")
    elif form.is_valid():
        services.finalize_study(study=study, impression=form.cleaned_data["impression"], by=request.user)
        messages.success(request, "Study marked final.")
    else:
        messages.error(request, "The impression could not be saved.")
    return redirect(study)


@role_required(Role.PHYSICIAN)
@require_POST
def finding_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding_for(request, pk)
    try:
        if finding.acknowledged_at is None:
            finding.acknowledge(request.user)
            messages.success(request, f"{finding.alert_label}: acknowledged.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(finding.study)
