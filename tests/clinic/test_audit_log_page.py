"""The clinic admin reads and filters the audit log: every kind of entry, a page at a time."""

import datetime

import pytest
import time_machine
from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from clinic.audit import log_access_many
from clinic.models import AuditEntry
from intake.models import Patient
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.evaluations import TreatmentPlanFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 9, 30, tzinfo=datetime.UTC)


def page(client, **params) -> str:
    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200
    return response.content.decode()


def seed_access(patients: list[Patient], times: int = 1) -> None:
    """Access entries written in one insert each, as list pages write them."""
    for _ in range(times):
        log_access_many(patients)


def test_the_log_can_be_filtered_by_who_did_it(clinic_admin, front_desk, physician) -> None:
    with set_actor(front_desk):
        PatientFactory(last_name="Fromdesk")
    with set_actor(physician):
        PatientFactory(last_name="Fromdoctor")
    html = page(client_for(clinic_admin), actor=front_desk.pk)
    assert "Fromdesk" in html
    assert "Fromdoctor" not in html


def test_an_end_date_before_the_start_date_is_explained_next_to_the_field(clinic_admin) -> None:
    html = page(client_for(clinic_admin), since="2026-05-02", until="2026-05-01")
    assert "The end date is before the start date." in html


def test_a_treatment_plan_in_the_trail_does_not_break_the_page(clinic_admin, physician) -> None:
    with set_actor(physician):
        TreatmentPlanFactory()
    html = page(client_for(clinic_admin))
    assert "treatment plan" in html.lower()


def test_a_screening_whose_findings_are_a_list_reads_as_text(clinic_admin, front_desk) -> None:
    from tests.factories import ScreeningFactory

    with set_actor(front_desk):
        ScreeningFactory(last_name="Listfindings", swelling="left", redness="left")
    html = page(client_for(clinic_admin))
    assert "Listfindings" in html and "possible_dvt" in html
    # Reverse relations of a new record, unset, say nothing.
    assert ".None" not in html


def test_every_kind_of_entry_reads_as_text(clinic_admin, office) -> None:
    from tests.factories import StaffFactory

    profile = StaffFactory()
    with set_actor(clinic_admin):
        patient = PatientFactory(last_name="Createdhere")  # create: no prior values
        patient.phone = "+15035550111"
        patient.save()  # update
        profile.offices.add(office)  # many-to-many
        log_access_many([patient])  # access: no changes at all
        PatientFactory(last_name="Gonesoon").delete()  # delete
    html = page(client_for(clinic_admin))
    assert "Createdhere" in html
    assert "added: Danville" in html
    assert "→ +15035550111" in html
    assert "was Gonesoon" in html
    assert html.count(">access<") >= 1


def test_a_password_set_by_an_admin_is_recorded_without_the_hash(clinic_admin, front_desk) -> None:
    with set_actor(clinic_admin):
        front_desk.set_password("a-new-secret-9")
        front_desk.save()
    html = page(client_for(clinic_admin), record_type=ContentType.objects.get_for_model(front_desk).pk)
    assert "password" in html
    assert "set (the value is not recorded)" in html
    assert front_desk.password[:20] not in html


def test_older_and_newer_walk_the_whole_trail_without_gaps_or_repeats(clinic_admin) -> None:
    patients = PatientFactory.create_batch(30)
    with time_machine.travel(NOW, tick=False):
        # Four inserts of 30 at one identical timestamp each: the id breaks the ties.
        seed_access(patients, times=4)
    client = client_for(clinic_admin)
    wanted = list(AuditEntry.objects.newest_first().values_list("pk", flat=True))
    seen: list[int] = []
    cursor = None
    while True:
        response = client.get(reverse("audit_log"), {"before": cursor} if cursor else {})
        seen += [row.entry.pk for row in response.context["rows"]]
        cursor = response.context["page"].older
        if cursor is None:
            break
    assert seen == wanted
    # ... and back up again from the last page: the fifty just newer than it.
    last_starts = len(wanted) - len(response.context["rows"])
    back = client.get(reverse("audit_log"), {"after": response.context["page"].newer}).context
    assert [row.entry.pk for row in back["rows"]] == wanted[last_starts - 50 : last_starts]


def test_an_unreadable_cursor_shows_the_newest_page(clinic_admin) -> None:
    PatientFactory(last_name="Newest")
    for cursor in ["x", "1.", ".1", "9" * 40 + ".1", "-5.3", "99999999999999999.1", "².1", "1.²"]:
        assert "Newest" in page(client_for(clinic_admin), before=cursor)


def test_the_log_page_costs_the_same_queries_for_1_and_200_entries(clinic_admin) -> None:
    client = client_for(clinic_admin)
    first = PatientFactory()
    one = count_queries(lambda: client.get(reverse("audit_log")))
    seed_access(PatientFactory.create_batch(199))
    many = count_queries(lambda: client.get(reverse("audit_log")))
    cursor = str(client.get(reverse("audit_log")).context["page"].older)
    deep = count_queries(lambda: client.get(reverse("audit_log"), {"before": cursor}))
    assert one == many == deep
    assert first


def test_each_filter_costs_the_same_queries_for_1_and_200_entries(clinic_admin, front_desk) -> None:
    client = client_for(clinic_admin)
    patient_type = ContentType.objects.get_for_model(Patient).pk
    today = timezone.localdate().isoformat()
    filters = [
        {"actor": front_desk.pk},
        {"record_type": patient_type},
        {"record_type": patient_type, "object_pk": "1"},
        {"object_pk": "1"},
        {"action": AuditEntry.Action.ACCESS},
        {"since": today, "until": today},
        {"actor": front_desk.pk, "action": AuditEntry.Action.ACCESS, "since": today},
    ]
    with set_actor(front_desk):
        seed_access([PatientFactory()])
    one = [count_queries(lambda f=f: client.get(reverse("audit_log"), f)) for f in filters]
    with set_actor(front_desk):
        seed_access(PatientFactory.create_batch(100), times=2)
    many = [count_queries(lambda f=f: client.get(reverse("audit_log"), f)) for f in filters]
    assert one == many


def test_the_charts_audit_link_shows_that_patients_trail_only(clinic_admin) -> None:
    patient, other = PatientFactory(last_name="Linkedone"), PatientFactory(last_name="Notthisone")
    client = client_for(clinic_admin)
    chart = client.get(reverse("patient_chart", args=[patient.pk])).content.decode()
    link = chart.split('href="/audit/?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    html = client.get(f"{reverse('audit_log')}?{link}").content.decode()
    assert "Linkedone" in html
    assert "Notthisone" not in html
    assert other


def test_a_record_id_without_its_type_is_explained(clinic_admin) -> None:
    assert "Choose the record type of that record id." in page(client_for(clinic_admin), object_pk="1")
