"""The clinic admin reads and filters the audit log."""

import pytest
from auditlog.context import set_actor
from django.urls import reverse

from clinic.models import AuditEntry
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def test_the_log_can_be_filtered_by_who_did_it(clinic_admin, front_desk, physician) -> None:
    with set_actor(front_desk):
        PatientFactory(last_name="Fromdesk")
    with set_actor(physician):
        PatientFactory(last_name="Fromdoctor")
    html = client_for(clinic_admin).get(reverse("audit_log"), {"actor": front_desk.pk}).content.decode()
    assert "Fromdesk" in html
    assert "Fromdoctor" not in html


def test_an_end_date_before_the_start_date_is_explained_next_to_the_field(clinic_admin) -> None:
    response = client_for(clinic_admin).get(reverse("audit_log"), {"since": "2026-05-02", "until": "2026-05-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()


def test_the_log_page_costs_the_same_queries_for_1_and_50_entries(clinic_admin) -> None:
    client = client_for(clinic_admin)
    AuditEntry.objects.all()  # starts empty apart from fixtures' own records
    PatientFactory()
    one = count_queries(lambda: client.get(reverse("audit_log")))
    PatientFactory.create_batch(49)
    many = count_queries(lambda: client.get(reverse("audit_log")))
    assert one == many


def test_a_change_to_the_offices_someone_works_at_reads_as_added_offices(clinic_admin) -> None:
    from tests.factories import OfficeFactory, StaffFactory

    profile = StaffFactory()
    with set_actor(clinic_admin):
        profile.offices.add(OfficeFactory(name="Tigard", slug="tigard"))
    html = client_for(clinic_admin).get(reverse("audit_log")).content.decode()
    assert "add: Tigard" in html
