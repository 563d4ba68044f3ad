"""A Wells assessment is written once: corrections are new rows, the database checks the score."""

import pytest
from django.db import IntegrityError, connection, transaction

from evaluations.models import RecordLocked, WellsAssessment
from evaluations.services import wells as wells_service
from tests.factories import PatientFactory
from tests.factories.evaluations import WellsAssessmentFactory

pytestmark = pytest.mark.django_db


def test_the_score_is_the_sum_of_the_items_present() -> None:
    assessment = WellsAssessmentFactory(entire_leg_swollen=True, previous_dvt=True, alternative_diagnosis=True)
    assert assessment.score == 0
    assert assessment.verdict == "DVT unlikely"
    assert [item.code for item, present, _ in assessment.rows if present] == [
        "entire_leg_swollen",
        "previous_dvt",
        "alternative_diagnosis",
    ]


def test_the_database_refuses_a_score_that_is_not_the_sum_of_the_items(physician, office) -> None:
    # bulk_create skips save(), which would have set the score.
    row = WellsAssessment(
        patient=PatientFactory(),
        office=office,
        visit_date=wells_service.visit_day(office),
        side="R",
        entered_by=physician,
        entire_leg_swollen=True,
        previous_dvt=True,
        score=0,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        WellsAssessment.objects.bulk_create([row])


def test_a_saved_assessment_cannot_be_changed_or_deleted_through_the_model() -> None:
    assessment = WellsAssessmentFactory(entire_leg_swollen=True)
    assessment.previous_dvt = True
    with pytest.raises(RecordLocked):
        assessment.save()
    with pytest.raises(RecordLocked):
        assessment.delete()
    with pytest.raises(RecordLocked):
        WellsAssessment.objects.filter(pk=assessment.pk).update(previous_dvt=True)
    with pytest.raises(RecordLocked):
        WellsAssessment.objects.filter(pk=assessment.pk).delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE evaluations_wellsassessment SET previous_dvt = %s, score = 2 WHERE id = %s",
        "DELETE FROM evaluations_wellsassessment WHERE id = %s OR %s IS NULL",
    ],
    ids=["update", "delete"],
)
def test_the_database_refuses_update_and_delete(sql: str) -> None:
    assessment = WellsAssessmentFactory(entire_leg_swollen=True)
    params = [True, assessment.pk] if sql.startswith("UPDATE") else [assessment.pk, None]
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert WellsAssessment.objects.get(pk=assessment.pk).score == 1


def test_a_correction_is_a_new_assessment_and_the_latest_for_the_visit_counts(physician, office) -> None:
    patient = PatientFactory()
    first = wells_service.record_wells(
        patient=patient, office=office, side="L", present={"entire_leg_swollen": True}, prefilled=[], by=physician
    )
    second = wells_service.record_wells(
        patient=patient,
        office=office,
        side="L",
        present={"entire_leg_swollen": True, "calf_swelling_3cm": True},
        prefilled=[],
        by=physician,
    )
    assert second.corrects == first
    assert list(WellsAssessment.objects.current().filter(patient=patient)) == [second]
    assert WellsAssessment.objects.filter(patient=patient).count() == 2
    first.refresh_from_db()
    assert first.score == 1


def test_each_leg_has_its_own_current_assessment(physician, office) -> None:
    patient = PatientFactory()
    for side in ("R", "L"):
        wells_service.record_wells(patient=patient, office=office, side=side, present={}, prefilled=[], by=physician)
    assert WellsAssessment.objects.current().filter(patient=patient).count() == 2
    assert WellsAssessment.objects.filter(corrects__isnull=False).count() == 0


def test_an_assessment_is_corrected_once_only(physician, office) -> None:
    first = WellsAssessmentFactory(office=office)
    WellsAssessmentFactory(patient=first.patient, office=office, corrects=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        WellsAssessmentFactory(patient=first.patient, office=office, corrects=first)


def test_a_correction_of_another_patients_assessment_is_refused(physician, office) -> None:
    first = WellsAssessmentFactory(office=office)
    stray = WellsAssessment(
        patient=PatientFactory(),
        office=office,
        visit_date=first.visit_date,
        side=first.side,
        entered_by=physician,
        corrects=first,
        score=0,
    )
    with pytest.raises(Exception, match="same patient, visit day and leg"):
        stray.full_clean()


def test_the_visit_links_the_patients_appointment_that_day(physician, office) -> None:
    import datetime

    from django.utils import timezone

    from tests.factories.scheduling import AppointmentFactory

    later_today = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    appointment = AppointmentFactory(office=office, start=later_today)
    assessment = wells_service.record_wells(
        patient=appointment.patient, office=office, side="R", present={}, prefilled=[], by=physician
    )
    assert assessment.appointment == appointment
    assert assessment.visit_date == wells_service.visit_day(office)
