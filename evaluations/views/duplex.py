from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from clinic import drafts
from clinic.access import allows, permission_required
from clinic.audit import log_access, log_access_many
from evaluations import diagram, selectors, services
from evaluations.forms import FindingForm, PatientSearchForm, StudyImpressionForm, StudyStartForm
from evaluations.views.common import get_finding_for, get_patient_for, get_study_for, offices_of, visit_office
from evaluations.views.take_over import take_over_page
from intake.models import Patient

VIEW = "evaluations.view_duplexstudy"
FINALIZE = "evaluations.finalize_duplexstudy"
TAKE_OVER = "evaluations.take_over_duplexstudy"


@permission_required(VIEW)
def worklist(request: HttpRequest) -> HttpResponse:
    form = PatientSearchForm(request.GET or None)
    patients: list[Patient] = []
    if form.is_valid() and form.cleaned_data["q"]:
        words = form.cleaned_data["q"].split()
        query = Q()
        for word in words:
            query &= Q(last_name__istartswith=word) | Q(first_name__istartswith=word)
        patients = list(Patient.objects.filter(query).order_by("last_name", "first_name")[:25])
    offices = offices_of(request)
    in_progress = list(selectors.studies_in_progress(offices)[:25])
    recent = list(selectors.recent_studies(offices)[:25])
    log_access_many([*patients, *(study.patient for study in [*in_progress, *recent])])
    context = {"form": form, "patients": patients, "in_progress": in_progress, "recent": recent}
    return render(request, "evaluations/worklist.html", context)


@permission_required(VIEW)
def patient_overview(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    log_access(patient)
    context = {
        "patient": patient,
        **selectors.patient_vein_record(patient, include_drafts=request.user.has_perm("evaluations.change_evaluation")),
    }
    return render(request, "evaluations/patient_overview.html", context)


@permission_required("evaluations.add_duplexstudy")
def study_start(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    offices = offices_of(request)
    here = visit_office(request, patient)
    initial = {"office": here if here is not None and here in offices else offices.first()}
    form = StudyStartForm(request.POST or None, patient=patient, offices=offices, initial=initial)
    if request.method == "POST" and form.is_valid():
        study = services.start_study(patient=patient, by=request.user, **form.cleaned_data)
        return redirect(study)
    return render(request, "evaluations/study_start.html", {"patient": patient, "form": form})


@permission_required(VIEW)
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_study_for(request, pk)
    log_access(study)
    if request.method == "POST" and not request.user.has_perm("evaluations.add_segmentfinding"):
        raise PermissionDenied
    can_record = request.user.has_perm("evaluations.add_segmentfinding") and not study.is_final
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
        "impression_form": StudyImpressionForm(instance=study)
        if allows(request.user, "evaluations.finalize_duplexstudy", study) and not study.is_final
        else None,
        "may_take_over": allows(request.user, "evaluations.take_over_duplexstudy", study),
        "draft": draft,
    }
    return render(request, "evaluations/study_detail.html", context)


@permission_required("evaluations.change_segmentfinding")
def finding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding_for(request, pk, perm="evaluations.change_segmentfinding")
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


@permission_required(FINALIZE)
@require_POST
def study_finalize(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the study's own sonographer; another sonographer takes it over first (403 until then)."""
    study = get_study_for(request, pk, perm=FINALIZE)
    form = StudyImpressionForm(request.POST, instance=study)
    if study.is_final:
        messages.error(request, "This study is already final.")
    elif form.is_valid():
        services.finalize_study(study=study, impression=form.cleaned_data["impression"], by=request.user)
        messages.success(request, "Study marked final.")
    else:
        messages.error(request, "The impression could not be saved.")
    return redirect(study)


@permission_required(TAKE_OVER)
@require_http_methods(["GET", "POST"])
def study_take_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Another sonographer's study in progress becomes yours, after you confirm; recorded and audited."""
    study = get_study_for(request, pk, perm=TAKE_OVER)
    log_access(study)
    return take_over_page(request, study, owner=study.sonographer, what="study")


@permission_required("evaluations.acknowledge_segmentfinding")
@require_POST
def finding_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_finding_for(request, pk, perm="evaluations.acknowledge_segmentfinding")
    try:
        if finding.acknowledged_at is None:
            finding.acknowledge(request.user)
            messages.success(request, f"{finding.alert_label}: acknowledged.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(finding.study)
