"""Prior authorizations of planned procedures: recording what the payer answered."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluations.models import PlanItem, PriorAuthorization
from evaluations.models.plans import ItemStatus
from evaluations.models.safety import NEXT_AUTHORIZATION_STATUS, AuthorizationStatus

FIELDS = ("required", "status", "submitted_on", "payer_reference", "number", "units", "valid_until")


def _new_for(item: PlanItem) -> PriorAuthorization:
    rule_set = item.plan.payer_rule_set
    return PriorAuthorization(item=item, required=bool(rule_set and rule_set.requires_prior_authorization))


@transaction.atomic
def update_prior_authorization(*, item: PlanItem, by: Any, **values: Any) -> PriorAuthorization:
    """Record the authorization's new state; an approval moves a proposed procedure to authorized.

    ``values`` are the fields in ``FIELDS``. A status may only follow the one before it
    (``NEXT_AUTHORIZATION_STATUS``); ValidationError names the field that is wrong.
    """
    if not item.is_procedure:
        raise ValidationError("Only procedures need prior authorization.")
    auth = PriorAuthorization.objects.select_for_update().filter(item=item).first() or _new_for(item)
    before = auth.status
    for name, value in values.items():
        if name not in FIELDS:
            raise TypeError(f"Not a prior-authorization field: {name}")
        setattr(auth, name, value)
    if auth.status != before and auth.status not in NEXT_AUTHORIZATION_STATUS[before]:
        raise ValidationError(
            {
                "status": f"An authorization that is {AuthorizationStatus(before).label.lower()} cannot become "
                f"{AuthorizationStatus(auth.status).label.lower()}."
            }
        )
    auth.number = auth.number.strip()
    auth.payer_reference = auth.payer_reference.strip()
    auth.updated_by = by
    auth.full_clean(exclude=["item"])
    auth.save()
    if auth.is_approved and item.status == ItemStatus.PROPOSED:
        item.move_to(ItemStatus.AUTHORIZED)
    return auth


@transaction.atomic
def record_authorization_number(
    *, item: PlanItem, number: str, by: Any, today: datetime.date | None = None
) -> PriorAuthorization:
    """The payer approved with ``number`` (the plan's status row): approve the authorization."""
    auth = PriorAuthorization.objects.filter(item=item).first() or _new_for(item)
    values: dict[str, Any] = {"number": number, "submitted_on": auth.submitted_on or today or timezone.localdate()}
    if AuthorizationStatus.APPROVED in NEXT_AUTHORIZATION_STATUS[auth.status]:
        values["status"] = AuthorizationStatus.APPROVED
    return update_prior_authorization(item=item, by=by, **values)
