"""Sonographers record findings; impossible values are refused; a thrombus alerts physicians at once."""

import pytest
from django.core import mail
from django.urls import reverse

from clinic.roles import Role
from evaluations.models import SegmentFinding
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory
from tests.factories.evaluations import DuplexStudyFactory, SegmentFindingFactory

pytestmark = pytest.mark.django_db


def _record(client, study, **data):
    payload = {"side": "R", "segment": "GSVa", "compressibility": "full", "thrombus": "", "ulcer": "", **data}
    return client.post(reverse("evaluations:study_detail", args=[study.pk]), payload)


def test_sonographer_starts_a_study_for_a_patient(sonographer_client, office) -> None:
    patient = PatientFactory()
    response = sonographer_client.post(
        reverse("evaluations:study_start", args=[patient.pk]), {"office": office.pk, "legs": "both"}
    )
    study = patient.duplex_studies.get()
    assert response.status_code == 302
    assert study.cpt_code == "93970"


def test_a_gsv_with_800_ms_reflux_is_shown_as_pathological(sonographer, sonographer_client, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=sonographer)
    response = _record(sonographer_client, study, reflux_ms=800, diameter_mm="6.0")
    assert response.status_code == 302
    page = sonographer_client.get(reverse("evaluations:study_detail", args=[study.pk])).content.decode()
    assert "Pathological reflux" in page
    assert 'class="seg seg-reflux" points=' in page


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("reflux_ms", "-5", "cannot be negative"),
        ("reflux_ms", "10001", "over 10 seconds"),
        ("diameter_mm", "30.5", "wider than 30 mm"),
        ("diameter_mm", "0", "more than 0 mm"),
    ],
)
def test_a_measurement_no_body_can_have_is_refused_with_its_reason(
    sonographer, sonographer_client, office, field, value, reason
) -> None:
    study = DuplexStudyFactory(office=office, sonographer=sonographer)
    response = _record(sonographer_client, study, **{field: value})
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not study.findings.exists()


def test_a_non_compressible_segment_must_be_recorded_as_thrombus(sonographer_client, office) -> None:
    study = DuplexStudyFactory(office=office)
    response = _record(sonographer_client, study, segment="FV", compressibility="none")
    assert "does not fully compress means thrombus" in response.content.decode()


def test_a_thrombus_emails_the_offices_physicians_after_commit(
    sonographer_client, physician, office, django_capture_on_commit_callbacks
) -> None:
    elsewhere = make_staff(Role.PHYSICIAN, office=PatientFactory().preferred_office)
    study = DuplexStudyFactory(office=office, patient=PatientFactory(last_name="Quill"))
    with django_capture_on_commit_callbacks(execute=True):
        _record(sonographer_client, study, segment="POPV", compressibility="none", thrombus="acute")
    (message,) = mail.outbox
    assert message.to == [physician.email]
    assert elsewhere.email not in message.to
    assert "deep vein thrombosis" in message.subject
    assert "Quill" not in message.body  # mail leaves our systems: no patient name in it


def test_the_physician_home_page_shows_the_alert_until_acknowledged(physician, physician_client, office) -> None:
    finding = SegmentFindingFactory(
        study=DuplexStudyFactory(office=office), segment="CFV", compressibility="partial", thrombus="acute"
    )
    assert "DVT: acute thrombus in right CFV" in physician_client.get(reverse("home")).content.decode()
    physician_client.post(reverse("evaluations:finding_acknowledge", args=[finding.pk]))
    finding.refresh_from_db()
    assert finding.acknowledged_by == physician
    assert "No open thrombus alerts" in physician_client.get(reverse("home")).content.decode()


def test_a_final_study_can_no_longer_be_changed(sonographer, sonographer_client, office) -> None:
    study = DuplexStudyFactory(office=office, sonographer=sonographer)
    sonographer_client.post(reverse("evaluations:study_finalize", args=[study.pk]), {"impression": "Normal."})
    response = _record(sonographer_client, study, reflux_ms=100)
    assert response.status_code == 302
    assert not SegmentFinding.objects.filter(study=study).exists()


def test_the_sonographer_home_lists_studies_in_progress(sonographer, office) -> None:
    study = DuplexStudyFactory(office=office, patient=PatientFactory(first_name="Imogen"))
    page = client_for(sonographer).get(reverse("home")).content.decode()
    assert "Imogen" in page
    assert study.get_absolute_url() in page
