"""Issuing and revoking API clients, and starting a bulk export."""

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from clinic.models import Office
from interop.models import ApiClient, BulkExport


@transaction.atomic
def issue_client(
    *, name: str, resource_types: list[str], offices: Iterable[Office], all_offices: bool, by: Any
) -> tuple[ApiClient, str]:
    """A new client and its token. The token is returned once and never stored: only its hash is."""
    user = get_user_model()(
        username=f"fhir-{slugify(name)[:40] or 'client'}-{secrets.token_hex(3)}",
        first_name=name[:150],
        last_name="(FHIR client)",
    )
    user.set_unusable_password()
    user.save()
    token = ApiClient.new_token()
    client = ApiClient(
        name=name, user=user, resource_types=sorted(resource_types), all_offices=all_offices, created_by=by
    )
    client.set_token(token)
    client.save()
    client.offices.set(list(offices))
    return client, token


@transaction.atomic
def revoke_client(*, client: ApiClient, by: Any) -> None:
    """The token stops working at once; the client's account stays (the audit trail names it) but cannot act."""
    client.revoke(by)
    user = client.user
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])


def start_export(*, since: datetime.date | None, until: datetime.date | None, by: Any) -> BulkExport:
    from interop.tasks import run_bulk_export

    with transaction.atomic():
        export = BulkExport.objects.create(requested_by=by, since=since, until=until)
        transaction.on_commit(lambda: run_bulk_export.delay(export.pk))
    return export
