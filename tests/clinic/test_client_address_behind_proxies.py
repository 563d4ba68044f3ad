"""The address the audit trail records is the one our proxies saw, never one the client wrote."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from clinic.middleware import client_address
from clinic.models import AuditEntry
from tests.conftest import client_for
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


def address(forwarded: str | None, remote: str = "10.0.0.2") -> str | None:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_a_declared_proxy_the_header_is_ignored(settings) -> None:
    settings.TRUST_X_FORWARDED_FOR = False
    assert address("198.51.100.7") == "10.0.0.2"


def test_behind_one_proxy_a_spoofed_leftmost_address_is_ignored(settings) -> None:
    settings.TRUST_X_FORWARDED_FOR, settings.TRUSTED_PROXY_COUNT = True, 1
    # The client wrote 1.2.3.4; our proxy appended the address it really came from.
    assert address("1.2.3.4, 203.0.113.9") == "203.0.113.9"


def test_behind_two_proxies_the_outer_proxys_view_is_taken(settings) -> None:
    settings.TRUST_X_FORWARDED_FOR, settings.TRUSTED_PROXY_COUNT = True, 2
    assert address("1.2.3.4, 203.0.113.9, 10.0.0.1") == "203.0.113.9"


def test_a_header_shorter_than_the_proxy_chain_is_not_believed(settings) -> None:
    settings.TRUST_X_FORWARDED_FOR, settings.TRUSTED_PROXY_COUNT = True, 2
    assert address("203.0.113.9") == "10.0.0.2"


def test_a_forwarded_value_that_is_not_an_address_is_not_believed(settings) -> None:
    settings.TRUST_X_FORWARDED_FOR, settings.TRUSTED_PROXY_COUNT = True, 1
    assert address("1.2.3.4, not-an-address") == "10.0.0.2"


def test_the_audit_entry_records_the_proxys_view_not_the_spoof(settings, front_desk) -> None:
    settings.TRUST_X_FORWARDED_FOR, settings.TRUSTED_PROXY_COUNT = True, 1
    patient = PatientFactory()
    client_for(front_desk).get(
        reverse("patient_chart", args=[patient.pk]),
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",
        REMOTE_ADDR="10.0.0.2",
    )
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk=str(patient.pk)).get()
    assert entry.remote_addr == "203.0.113.9"
