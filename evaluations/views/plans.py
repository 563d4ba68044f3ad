from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from clinic import drafts
from clinic.access import permission_required
from clinic.audit import log_access
from clinic.models import Office
from evaluations import packet, services
from evaluations.forms import ItemStatusForm, PlanForm, PlanItemForm, PriorAuthorizationForm, ScheduleProcedureForm
from evaluations.models import (
    AuthorizationStatus,
    Evaluation,
    GateOverride,
    PlanItem,
    PriorAuthorization,
    RecordLocked,
)
from evaluations.models.diagnoses import by_leg
from evaluations.models.plans import ItemStatus
from evaluations.rules.gates import GateResult
from evaluations.views.common import get_item_for, get_patient_for, get_plan_for


@permission_required("evaluations.add_treatmentplan")
@require_POST
def plan_start(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for(request, pk)
    evaluation = Evaluation.objects.for_patient(patient).first()
    plan = services.start_plan(patient=patient, by=request.user, evaluation=evaluation)
    return redirect(plan)


@dataclass
class ProcedureRow:
    """One planned procedure on the plan page: its safety checks, authorization, overrides, booking form."""

    item: PlanItem
    gates: GateResult
    auth: PriorAuthorization | None
    auth_form: PriorAuthorizationForm
    schedule_form: ScheduleProcedureForm
    overrides: list[GateOverride] = field(default_factory=list)
    refused: "services.SafetyGatesClosed | None" = None
    today: object = None

    @property
    def bookable(self) -> bool:
        return self.item.is_open and not self.item.appointment_id

    @property
    def override_offered(self) -> bool:
        return self.gates.closed or (self.refused is not None and self.refused.result.closed)

    @property
    def office_value(self) -> str:
        return str(self.schedule_form["office"].value() or "")

    @property
    def start_value(self) -> str:
        value = self.schedule_form["start"].value()
        return value if isinstance(value, str) else (f"{value:%Y-%m-%dT%H:%M}" if value else "")

    @property
    def expires_soon(self) -> bool:
        return self.auth is not None and self.auth.expires_soon(self.today)

    @property
    def days_left(self) -> int | None:
        return self.auth.days_left(self.today) if self.auth is not None else None

    @property
    def expired(self) -> bool:
        return self.auth is not None and self.auth.expired(self.today)


def _schedule_initial(request: HttpRequest, item: PlanItem) -> dict:
    """A suggested time (a link in a refusal) fills in its item's booking form."""
    if request.GET.get("item") == str(item.pk):
        return {"office": request.GET.get("office", ""), "start": request.GET.get("start", "")}
    return {"office": item.plan.patient.preferred_office_id or ""}


def _plan_page(
    request: HttpRequest,
    plan,
    item_form=None,
    status=200,
    *,
    booking: tuple[int, ScheduleProcedureForm, "services.SafetyGatesClosed | None"] | None = None,
    auth_form: tuple[int, PriorAuthorizationForm] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    checks = services.check_plan(plan, today=today)
    items = list(plan.items.select_related("appointment__office", "follow_up_appointment__office"))
    gates = services.plan_gates(plan, checks, today=today)
    auths = {a.item_id: a for a in PriorAuthorization.objects.filter(item__plan=plan)}
    overrides: dict[int, list[GateOverride]] = {}
    for override in GateOverride.objects.filter(item__plan=plan).select_related("overridden_by"):
        overrides.setdefault(override.item_id, []).append(override)
    rows = []
    for item in items:
        if not item.is_procedure:
            continue
        auth = auths.get(item.pk)
        row = ProcedureRow(
            item=item,
            gates=gates.get(item.pk, GateResult()),
            auth=auth,
            auth_form=PriorAuthorizationForm(instance=auth or PriorAuthorization(item=item, required=_required(item))),
            schedule_form=ScheduleProcedureForm(initial=_schedule_initial(request, item)),
            overrides=overrides.get(item.pk, []),
            today=today,
        )
        if booking is not None and booking[0] == item.pk:
            row.schedule_form, row.refused = booking[1], booking[2]
        if auth_form is not None and auth_form[0] == item.pk:
            row.auth_form = auth_form[1]
        rows.append(row)
    item_draft = drafts.find(request, "item", path=plan.get_absolute_url()) if item_form is None else None
    diagnoses = list(plan.evaluation.diagnoses.select_related("code")) if plan.evaluation_id else []
    context = {
        "plan": plan,
        "patient": plan.patient,
        "items": items,
        "procedures": rows,
        "diagnoses_by_leg": by_leg(diagnoses),
        "checks": checks,
        "offices": list(Office.objects.filter(is_active=True)),
        "plan_form": PlanForm(initial={"payer_rule_set": plan.payer_rule_set}),
        "item_form": item_form or PlanItemForm(initial=drafts.initial(item_draft, PlanItemForm)),
        "item_draft": item_draft,
        "status_choices": ItemStatus.choices,
    }
    return render(request, "evaluations/plan_detail.html", context, status=status)


def _required(item: PlanItem) -> bool:
    rule_set = item.plan.payer_rule_set
    return bool(rule_set and rule_set.requires_prior_authorization)


@permission_required("evaluations.view_treatmentplan")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request, pk)
    log_access(plan)
    return _plan_page(request, plan)


@permission_required("evaluations.change_treatmentplan")
@require_POST
def plan_payer(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request, pk, perm="evaluations.change_treatmentplan")
    form = PlanForm(request.POST)
    if plan.is_signed:
        messages.error(request, plan.locked_message)
    elif form.is_valid():
        plan.payer_rule_set = form.cleaned_data["payer_rule_set"]
        try:
            plan.save(update_fields=["payer_rule_set"])
        except RecordLocked as locked:  # signed after this page loaded
            messages.error(request, locked.message)
        else:
            messages.success(request, "Payer rules updated.")
    else:
        messages.error(request, "Choose one of the listed payer rule sets.")
    return redirect(plan)


@permission_required("evaluations.add_planitem")
def plan_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request, pk, perm="evaluations.add_planitem")
    if request.method != "POST":
        return redirect(plan)
    if plan.is_signed:
        messages.error(request, "This plan is signed; start a new plan to change what is planned.")
        return redirect(plan)
    form = PlanItemForm(request.POST, instance=None)
    form.instance.plan = plan
    if form.is_valid():
        item = form.save()
        drafts.discard(request, "item", path=plan.get_absolute_url())
        messages.success(request, f"Added {item}.")
        return redirect(plan)
    return _plan_page(request, plan, item_form=form, status=400)


@permission_required("evaluations.change_planitem")
@require_POST
def plan_item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request, pk, perm="evaluations.change_planitem")
    form = ItemStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a valid status.")
        return redirect(item.plan)
    status = form.cleaned_data["status"]
    if item.is_procedure and status == ItemStatus.SCHEDULED:
        messages.error(request, "Schedule a procedure with its date and office, so it is booked in the calendar.")
        return redirect(item.plan)
    try:
        if form.cleaned_data["authorization_number"] and item.is_procedure:
            services.record_authorization_number(
                item=item, number=form.cleaned_data["authorization_number"], by=request.user
            )
        if item.status == status:
            pass  # the approval above already authorized it
        elif item.is_procedure and status == ItemStatus.DONE:
            services.complete_procedure(item=item, by=request.user)
            _say_follow_up(request, item)
        else:
            item.move_to(status, on=form.cleaned_data["done_on"])
    except (ValidationError, services.ProcedureNotBooked) as error:
        messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
    else:
        messages.success(request, f"{item}: {item.get_status_display().lower()}.")
    return redirect(item.plan)


def _say_follow_up(request: HttpRequest, item) -> None:
    follow_up = item.follow_up_appointment
    if follow_up is None:
        messages.warning(request, "No post-ablation duplex slot was free within 72 hours: book one by hand today.")
    else:
        messages.info(
            request, f"Post-ablation duplex booked for {follow_up.local_start:%a %b %-d, %H:%M} at {follow_up.office}."
        )


def _refusal_with_times(item, refused) -> str:
    """The refusal, and each suggested time as a link that fills in this item's booking form."""
    links = [
        format_html(
            '<a href="{}?{}#schedule-{}">{}</a>',
            item.plan.get_absolute_url(),
            urlencode({"item": item.pk, "office": slot.office.pk, "start": f"{slot.local_start:%Y-%m-%dT%H:%M}"}),
            item.pk,
            f"{slot.local_start:%a %b %-d %H:%M} at {slot.office.name}",
        )
        for slot in refused.next_slots[:3]
    ]
    if not links:
        return refused.message
    return format_html("{} Next free: {}.", refused.message, format_html_join(", ", "{}", ((link,) for link in links)))


@permission_required("evaluations.change_planitem")
@require_POST
def plan_item_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request, pk, perm="evaluations.change_planitem")
    form = ScheduleProcedureForm(request.POST)
    if not form.is_valid():
        if form.data.get("override"):
            # A physician pressed "Book anyway": show the page again with what they typed.
            return _plan_page(request, item.plan, booking=(item.pk, form, None), status=400)
        messages.error(request, "Choose the office and a start time.")
        return redirect(item.plan)
    try:
        services.schedule_procedure(item=item, by=request.user, **form.booking())
    except services.SafetyGatesClosed as refused:
        return _plan_page(request, item.plan, booking=(item.pk, form, refused), status=400)
    except services.ProcedureNotBooked as refused:
        messages.error(request, _refusal_with_times(item, refused))
    else:
        messages.success(request, f"{item} booked for {item.appointment.local_start:%a %b %-d, %H:%M}.")
        if item.gate_result.closed:
            messages.warning(request, "Booked past the safety checks: your reason is recorded on the plan.")
        for warning in item.gate_result.warnings:
            messages.warning(request, warning)
    return redirect(item.plan)


@permission_required("evaluations.sign_treatmentplan")
@require_POST
def plan_sign(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request, pk, perm="evaluations.sign_treatmentplan")
    try:
        services.sign_plan(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Plan signed.")
    return redirect(plan)


def _packet(request: HttpRequest, pk: int) -> tuple[PlanItem, dict | None]:
    """The item and its packet's context; None (with a message) for an item that is not a procedure."""
    item = get_item_for(request, pk)
    check = next((c for c in services.check_plan(item.plan) if c.item.pk == item.pk), None)
    if check is None:
        messages.error(request, "Only procedures need prior authorization.")
        return item, None
    log_access(item.plan)
    return item, packet.packet_context(item, check=check)


@permission_required("evaluations.view_planitem")
def prior_authorization(request: HttpRequest, pk: int) -> HttpResponse:
    item, context = _packet(request, pk)
    if context is None:
        return redirect(item.plan)
    return render(request, "evaluations/prior_auth.html", context)


@permission_required("evaluations.view_planitem")
def prior_authorization_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The packet as a PDF download; its file name carries no patient identifier (packet.filename)."""
    item, context = _packet(request, pk)
    if context is None:
        return redirect(item.plan)
    response = HttpResponse(packet.render_pdf(context), content_type="application/pdf")
    name = packet.filename(item, context["check"], context["prepared_on"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # PHI: never kept by a browser or proxy cache.
    response["Cache-Control"] = "no-store, private"
    return response


@permission_required("evaluations.change_priorauthorization")
@require_POST
def prior_authorization_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request, pk, perm="evaluations.change_priorauthorization")
    if not item.is_procedure:
        messages.error(request, "Only procedures need prior authorization.")
        return redirect(item.plan)
    current = PriorAuthorization.objects.filter(item=item).first()
    form = PriorAuthorizationForm(request.POST, instance=current or PriorAuthorization(item=item))
    if form.is_valid():
        try:
            services.update_prior_authorization(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            status = AuthorizationStatus(form.cleaned_data["status"]).label.lower()
            messages.success(request, f"{item}: prior authorization {status}.")
            return redirect(f"{item.plan.get_absolute_url()}#procedure-{item.pk}")
    return _plan_page(request, item.plan, auth_form=(item.pk, form), status=400)
