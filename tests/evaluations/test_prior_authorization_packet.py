"""The prior-authorization packet: a page and a PDF with the codes, the physician's NPI and the evidence."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.models import AuditEntry
from evaluations import packet, services
from evaluations.rules.procedures import ItemKind
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    PlanItemFactory,
    SegmentFindingFactory,
    TreatmentPlanFactory,
    compression_trial,
    rule_set,
    signed_evaluation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rfa(physician):
    """A signed plan for an RFA of the right GSV, with the note, study and trial a payer asks for."""
    patient = PatientFactory(
        first_name="Rosalind", last_name="Quimby", insurance_payer="Aetna PPO", insurance_member_id="W123456789"
    )
    study = DuplexStudyFactory(patient=patient, performed_at=timezone.now() - datetime.timedelta(days=20))
    SegmentFindingFactory(study=study, side="R", segment="SFJ", reflux_ms=900, diameter_mm=Decimal("9.0"))
    SegmentFindingFactory(study=study, side="R", segment="GSVa", reflux_ms=1400, diameter_mm=Decimal("6.2"))
    SegmentFindingFactory(study=study, side="L", segment="GSVa", reflux_ms=100, diameter_mm=Decimal("3.1"))
    study.finalize(by=study.sonographer)
    note = signed_evaluation(
        patient,
        physician,
        study=study,
        legs={"R": {"clinical_classes": ["C2", "C3"], "pain": 2, "venous_edema": 1}, "L": {}},
        diagnoses=["I83.811", "I87.2", "I83.92"],
    )
    plan = TreatmentPlanFactory(
        patient=patient, created_by=physician, evaluation=note, payer_rule_set=rule_set("Aetna-style")
    )
    compression_trial(plan, started=timezone.localdate() - datetime.timedelta(days=100), side="R")
    item = PlanItemFactory(plan=plan, kind=ItemKind.RFA, side="R", target_segment="GSVa")
    plan.sign(physician)
    return item


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_the_icd10_and_cpt_codes_and_the_physicians_npi(rfa, physician) -> None:
    response = client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "I83.811" in text and "I87.2" in text
    assert "36475" in text
    assert physician.staff_profile.npi in text
    assert "W123456789" in text
    assert "1400 ms" in text and "6.2 mm" in text
    # The other leg's code belongs to the other leg's request.
    assert "I83.92" not in text


def test_the_pdf_is_an_attachment_whose_name_says_nothing_about_the_patient(rfa, physician) -> None:
    response = client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"prior-authorization-item-{rfa.pk}-cpt-36475-" in disposition
    for identifier in ("Quimby", "Rosalind", "W123456789", str(rfa.plan.patient.date_of_birth)):
        assert identifier not in disposition
    assert response["Cache-Control"] == "no-store, private"


def test_the_pdf_shows_the_compression_trial_dates_ceap_vcss_and_criteria(rfa, physician) -> None:
    text = pdf_text(client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk])).content)
    started = rfa.plan.items.get(kind=ItemKind.COMPRESSION).start_date
    assert f"{started:%b} {started.day}, {started.year}" in text
    assert "C3,2,S" in text
    assert "VCSS total" in text
    assert "Medical-necessity criteria" in text


def test_downloading_the_packet_is_audited(rfa, physician) -> None:
    before = AuditEntry.objects.count()
    client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))
    assert AuditEntry.objects.count() > before
    assert AuditEntry.objects.filter(object_pk=str(rfa.plan.pk), actor=physician).exists()


def test_the_packet_page_shows_the_codes_and_links_the_pdf(rfa, front_desk) -> None:
    response = client_for(front_desk).get(reverse("evaluations:prior_authorization", args=[rfa.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "I83.811" in page and "I87.2" in page and "36475" in page
    assert reverse("evaluations:packet_pdf", args=[rfa.pk]) in page
    assert 'data-testid="leg-diagram"' in page


def test_an_item_that_does_not_exist_is_not_found(physician) -> None:
    assert client_for(physician).get(reverse("evaluations:packet_pdf", args=[999_999])).status_code == 404


def test_a_portal_patient_cannot_download_even_their_own_packet(rfa, patient_user) -> None:
    rfa.plan.patient.user = patient_user
    response = client_for(patient_user).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))
    assert response.status_code in (403, 404)


def test_conservative_care_has_no_packet(rfa, physician) -> None:
    trial = rfa.plan.items.get(kind=ItemKind.COMPRESSION)
    response = client_for(physician).get(reverse("evaluations:packet_pdf", args=[trial.pk]))
    assert response.status_code == 302


def test_the_pdf_renderer_fetches_nothing_but_the_projects_static_files() -> None:
    fetch = packet.StaticFilesOnly()
    css = fetch(packet.PACKET_ORIGIN + "/static/evaluations/packet.css")
    assert b"@page" in css.read()
    for url in (
        "https://example.org/tracker.png",
        "file:///etc/passwd",
        packet.PACKET_ORIGIN + "/static/../../clinic/settings.py",
        "http://127.0.0.1:8000/static/evaluations/packet.css",
    ):
        with pytest.raises(ValueError):
            fetch(url)


def test_the_packet_context_has_one_section_per_part_in_order(rfa) -> None:
    check = next(c for c in services.check_plan(rfa.plan) if c.item.pk == rfa.pk)
    context = packet.packet_context(rfa, check=check)
    assert context["sections"][0] == "evaluations/packet/_patient.html"
    assert "evaluations/packet/_criteria.html" in context["sections"]
    assert context["npi"] and context["trend"] is not None
