"""The patient chart: cramp-cause summary, symptom history, who opened it, other apps' panels."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic import navigation
from clinic.models import AuditEntry
from clinic.roles import Role
from tests.clock import SUITE_NOW
from tests.factories import IntakeRecordFactory, PatientFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def chart(client, patient):
    return client.get(reverse("patient_chart", args=[patient.pk]))


def summary_texts(response) -> list[str]:
    summary = response.context["summary"]
    lines = summary.red_flags + summary.medications + summary.conditions + summary.risk_factors + summary.cvi_signs
    return [f"{line.text} | {line.because}" for line in lines]


def test_medications_are_matched_to_cramp_classes_naming_what_was_written(physician_client) -> None:
    record = IntakeRecordFactory(medications="Lipitor 20 mg\nLasix\nmetformin 500 mg")
    texts = summary_texts(chart(physician_client, record.patient))
    assert (
        'Possible medication-related cramps: Lipitor is atorvastatin, a statin | Medications: "Lipitor 20 mg"' in texts
    )
    assert 'Possible medication-related cramps: Lasix is furosemide, a diuretic | Medications: "Lasix"' in texts
    assert not any("metformin" in t for t in texts)


def test_conditions_linked_to_cramps_are_listed_with_their_answer(physician_client) -> None:
    record = IntakeRecordFactory(conditions=["thyroid", "previous_dvt"], smoking="current")
    texts = summary_texts(chart(physician_client, record.patient))
    assert "Condition linked to cramps: Thyroid disorder | Conditions: Thyroid disorder" in texts
    assert "Habitual smoking | Smoking: Smoke now" in texts
    assert not any("blood clot in a leg" in t and "Condition linked" in t for t in texts)


def test_night_cramps_over_fifty_are_a_risk_factor(physician_client) -> None:
    patient = PatientFactory(date_of_birth=datetime.date(1950, 1, 1))
    IntakeRecordFactory(patient=patient, cramps="both", cramps_at_night=True)
    texts = summary_texts(chart(physician_client, patient))
    assert any(t.startswith("Night cramps over age 50") for t in texts)
    assert any(t.startswith("Night cramps can come from venous insufficiency") for t in texts)


def test_red_flags_and_cvi_signs_name_the_answer(physician_client) -> None:
    record = IntakeRecordFactory(swelling="left", warmth="left", skin_discoloration="right")
    texts = summary_texts(chart(physician_client, record.patient))
    assert any(t.startswith("Possible blood clot") and "Swelling: Left leg" in t for t in texts)
    assert "Skin discoloration near the ankle | Skin discoloration near the ankle: Right leg" in texts


def test_the_summary_reads_the_latest_record(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, medications="Lasix", recorded_at=timezone.now() - datetime.timedelta(days=90))
    IntakeRecordFactory(patient=patient, medications="")
    assert chart(physician_client, patient).context["summary"].medications == []


def test_symptom_history_is_drawn_per_leg_over_time(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(
        patient=patient, swelling="both", cramps="left", recorded_at=timezone.now() - datetime.timedelta(days=60)
    )
    IntakeRecordFactory(patient=patient, swelling="left")
    response = chart(physician_client, patient)
    left, right = response.context["chart"].series
    assert [d.count for d in left.dots] == [2, 1]
    assert [d.count for d in right.dots] == [1, 0]
    assert b'data-testid="symptom-chart"' in response.content


def test_the_latest_date_under_the_symptom_chart_ends_at_its_dot_inside_the_chart(physician_client) -> None:
    """Centred on the right-most dot, the last date ran past the chart's edge and was cut."""
    patient = PatientFactory()
    earlier = SUITE_NOW - datetime.timedelta(days=60)
    IntakeRecordFactory(patient=patient, swelling="both", recorded_at=earlier)
    latest = IntakeRecordFactory(patient=patient, swelling="left")
    page = chart(physician_client, patient).content.decode()
    first, last = (f"{moment:%m/%d/%y}</text>" for moment in (earlier, latest.recorded_at))
    assert 'text-anchor="middle">' + first in page
    assert 'text-anchor="end">' + last in page


def test_opening_the_chart_is_audited_and_shown_on_it(front_desk_client, front_desk, physician_client) -> None:
    patient = PatientFactory()
    chart(front_desk_client, patient)
    response = chart(physician_client, patient)
    assert AuditEntry.objects.filter(object_pk=str(patient.pk), action=AuditEntry.Action.ACCESS).count() == 2
    assert front_desk in [entry.actor for entry in response.context["access"]]


def test_other_apps_add_panels_and_actions_without_intake_knowing_them(physician_client, monkeypatch) -> None:
    monkeypatch.setattr(navigation, "_panels", dict(navigation._panels))
    monkeypatch.setattr(navigation, "_actions", dict(navigation._actions))
    navigation.register_panel(
        navigation.Panel(
            navigation.PATIENT_CHART,
            "clinic/panels/admin.html",
            frozenset({Role.PHYSICIAN}),
            context=lambda request, obj: {"seen": obj.pk},
        )
    )
    navigation.register_action(
        navigation.Action(
            navigation.PATIENT_CHART, "Evaluate", lambda p: f"/evaluate/{p.pk}/", frozenset({Role.PHYSICIAN})
        )
    )
    patient = PatientFactory()
    response = chart(physician_client, patient)
    assert ("Evaluate", f"/evaluate/{patient.pk}/") in response.context["actions"]
    assert b"Clinic administration" in response.content


def test_the_chart_query_count_does_not_grow_with_history(physician_client) -> None:
    patient = PatientFactory()
    IntakeRecordFactory(patient=patient, medications="Lasix")
    chart(physician_client, patient)
    one = count_queries(lambda: chart(physician_client, patient))
    IntakeRecordFactory.create_batch(30, patient=patient, medications="Lipitor")
    assert count_queries(lambda: chart(physician_client, patient)) == one


def test_patients_cannot_open_staff_charts(client) -> None:
    from tests.factories import UserFactory

    user = UserFactory(role=Role.PATIENT)
    PatientFactory(user=user)
    client.force_login(user)
    assert chart(client, PatientFactory()).status_code == 403


def test_an_unknown_patient_is_not_found(front_desk_client) -> None:
    assert front_desk_client.get(reverse("patient_chart", args=[987654])).status_code == 404
