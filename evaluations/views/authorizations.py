"""The front desk's prior-authorization queue: what to submit, what is pending, expiring, denied."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from clinic.access import permission_required
from clinic.audit import log_access_many
from evaluations.models import AuthorizationStatus, PlanItem, PriorAuthorization, TreatmentPlan
from evaluations.models.plans import ItemStatus
from evaluations.models.safety import EXPIRY_WARNING_DAYS

OPEN = [ItemStatus.PROPOSED, ItemStatus.AUTHORIZED, ItemStatus.SCHEDULED]


@dataclass(frozen=True)
class QueueRow:
    item: PlanItem
    auth: PriorAuthorization | None
    days_left: int | None = None


def _auth_of(item: PlanItem) -> PriorAuthorization | None:
    return getattr(item, "prior_authorization", None)


@permission_required("evaluations.view_priorauthorization")
def prior_auth_queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = (
        PlanItem.objects.visible_to(request.user)
        .procedures()
        .filter(status__in=OPEN)
        .filter(Q(plan__status=TreatmentPlan.Status.SIGNED) | Q(prior_authorization__isnull=False))
        .select_related("plan__patient", "plan__payer_rule_set", "prior_authorization", "appointment__office")
        .order_by("plan__signed_at", "pk")
    )
    sections: dict[str, list[QueueRow]] = {"to_submit": [], "pending": [], "expiring": [], "denied": []}
    for item in items:
        auth = _auth_of(item)
        rule_set = item.plan.payer_rule_set
        if auth is None:
            if rule_set is not None and rule_set.requires_prior_authorization:
                sections["to_submit"].append(QueueRow(item, None))
            continue
        if not auth.required and auth.status == AuthorizationStatus.TO_SUBMIT:
            continue
        if auth.status == AuthorizationStatus.TO_SUBMIT:
            sections["to_submit"].append(QueueRow(item, auth))
        elif auth.status in (AuthorizationStatus.PENDING, AuthorizationStatus.APPEALED):
            sections["pending"].append(QueueRow(item, auth))
        elif auth.status == AuthorizationStatus.DENIED:
            sections["denied"].append(QueueRow(item, auth))
        elif auth.valid_until is not None and auth.days_left(today) <= EXPIRY_WARNING_DAYS:
            sections["expiring"].append(QueueRow(item, auth, auth.days_left(today)))
    sections["expiring"].sort(key=lambda row: row.days_left)
    shown = [row.item.plan.patient for rows in sections.values() for row in rows]
    log_access_many(shown)
    context = {
        "sections": [
            ("to_submit", "To submit", sections["to_submit"]),
            ("pending", "Pending with the payer", sections["pending"]),
            ("expiring", f"Expiring within {EXPIRY_WARNING_DAYS} days, or expired", sections["expiring"]),
            ("denied", "Denied: appeal or change the plan", sections["denied"]),
        ],
        "warning_days": EXPIRY_WARNING_DAYS,
        "today": today,
    }
    return render(request, "evaluations/prior_auth_queue.html", context)
