"""What a clinician types is kept as a draft while they type: the idle timeout in the
middle of a note costs nothing, the text is there after signing in again."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEntry, FormDraft
from tests.conftest import client_for
from tests.factories import PASSWORD, PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    LegAssessmentFactory,
    TreatmentPlanFactory,
)
from tests.helpers import totp_code, totp_device_for

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)
TYPED = "Ropy varicosities along the medial thigh; ankle edema to mid-shin by afternoon."


def autosave(client: Client, page: str, name: str, **fields: str):
    return client.post(reverse("draft_autosave"), {"draft": f"{page}#{name}", **fields})


def sign_in_again(client: Client, user) -> None:
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    device = totp_device_for(user)
    client.post(reverse("second_factor_verify"), {"code": totp_code(device, at=NOON.timestamp())})


@time_machine.travel(NOON, tick=False)
def test_the_note_typed_before_the_session_expired_is_there_after_signing_in_again(physician) -> None:
    evaluation = EvaluationFactory(physician=physician)
    LegAssessmentFactory(evaluation=evaluation, side="R")
    page = reverse("evaluations:evaluation_edit", args=[evaluation.pk])
    client = client_for(physician)
    assert client.get(page).status_code == 200
    saved = autosave(client, page, "note", exam=TYPED, **{"leg-R-pain": "2"})
    assert saved.status_code == 200 and "Draft kept" in saved.content.decode()

    # Fifteen idle minutes pass: the session ends, as HIPAA's automatic log-off wants.
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(page)["Location"].startswith(reverse("login"))

    sign_in_again(client, physician)
    text = client.get(page).content.decode()
    assert TYPED in text
    assert "unsaved draft" in text


def test_saving_the_note_discards_its_draft(physician, physician_client) -> None:
    evaluation = EvaluationFactory(physician=physician)
    page = reverse("evaluations:evaluation_edit", args=[evaluation.pk])
    autosave(physician_client, page, "note", exam=TYPED)
    response = physician_client.post(page, {"visit_date": evaluation.visit_date.isoformat(), "exam": TYPED})
    assert response.status_code == 302
    assert not FormDraft.objects.filter(user=physician).exists()
    evaluation.refresh_from_db()
    assert evaluation.exam == TYPED
    assert "unsaved draft" not in physician_client.get(page).content.decode()


def test_a_draft_is_only_ever_shown_to_its_author(physician, physician_client, office) -> None:
    from clinic.roles import Role
    from tests.conftest import make_staff

    evaluation = EvaluationFactory(physician=physician)
    page = reverse("evaluations:evaluation_edit", args=[evaluation.pk])
    autosave(physician_client, page, "note", exam=TYPED)
    colleague = client_for(make_staff(Role.PHYSICIAN, office))
    assert TYPED not in colleague.get(page).content.decode()


def test_a_duplex_finding_typed_halfway_comes_back(sonographer) -> None:
    study = DuplexStudyFactory(sonographer=sonographer)
    page = reverse("evaluations:study_detail", args=[study.pk])
    client = client_for(sonographer)
    autosave(client, page, "finding", notes="Tortuous below the knee, hard to follow.")
    assert "Tortuous below the knee" in client.get(page).content.decode()


def test_a_plan_item_typed_halfway_comes_back(physician_client) -> None:
    plan = TreatmentPlanFactory()
    page = plan.get_absolute_url()
    autosave(physician_client, page, "item", instructions="Thigh-high, put on before getting up.")
    assert "put on before getting up" in physician_client.get(page).content.decode()


def test_a_staff_entered_intake_questionnaire_comes_back(front_desk_client) -> None:
    patient = PatientFactory()
    page = reverse("intake_record_create", args=[patient.pk])
    autosave(front_desk_client, page, "intake", medications="Warfarin 5 mg daily")
    assert "Warfarin 5 mg daily" in front_desk_client.get(page).content.decode()


def test_drafts_are_on_the_audit_trail(physician, physician_client) -> None:
    evaluation = EvaluationFactory(physician=physician)
    autosave(physician_client, reverse("evaluations:evaluation_edit", args=[evaluation.pk]), "note", exam=TYPED)
    draft = FormDraft.objects.get(user=physician)
    assert AuditEntry.objects.filter(content_type__model="formdraft", object_pk=str(draft.pk)).exists()


def test_a_draft_for_a_page_that_does_not_exist_is_refused(physician_client) -> None:
    assert autosave(physician_client, "/no/such/page/", "note", exam="x").status_code == 400
