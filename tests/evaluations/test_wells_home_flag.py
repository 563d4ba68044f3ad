"""A "DVT likely" score without a duplex the same day is flagged on the physicians' home page."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from evaluations import panels
from tests.factories.clinic import new_york_office
from tests.factories.evaluations import DuplexStudyFactory, WellsAssessmentFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

LIKELY = {"entire_leg_swollen": True, "previous_dvt": True}  # 2
UNLIKELY = {"entire_leg_swollen": True}  # 1


def flagged(physician) -> list:
    request = RequestFactory().get("/")
    request.user = physician
    return [row.assessment for row in panels.physician_home(request, None)["wells_likely"]]


def test_likely_without_a_same_day_duplex_is_flagged_on_the_home_page(physician, physician_client, office) -> None:
    assessment = WellsAssessmentFactory(office=office, **LIKELY)
    assert flagged(physician) == [assessment]
    page = physician_client.get(reverse("home")).content.decode()
    assert 'data-testid="wells-flag"' in page
    assert f"{assessment.patient.full_name}: Wells 2, DVT likely" in page


def test_likely_with_a_duplex_the_same_day_is_not_flagged(physician, physician_client, office) -> None:
    assessment = WellsAssessmentFactory(office=office, **LIKELY)
    DuplexStudyFactory(patient=assessment.patient, office=office, performed_at=timezone.now())
    assert flagged(physician) == []
    assert 'data-testid="wells-flag"' not in physician_client.get(reverse("home")).content.decode()


def test_unlikely_is_not_flagged(physician, office) -> None:
    WellsAssessmentFactory(office=office, **UNLIKELY)
    assert flagged(physician) == []


def test_a_duplex_on_another_day_does_not_clear_the_flag(physician, office) -> None:
    assessment = WellsAssessmentFactory(office=office, **LIKELY)
    DuplexStudyFactory(
        patient=assessment.patient, office=office, performed_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert flagged(physician) == [assessment]


def test_another_patients_duplex_does_not_clear_the_flag(physician, office) -> None:
    assessment = WellsAssessmentFactory(office=office, **LIKELY)
    DuplexStudyFactory(office=office, performed_at=timezone.now())
    assert flagged(physician) == [assessment]


def test_a_correction_to_unlikely_clears_the_flag(physician, office) -> None:
    first = WellsAssessmentFactory(office=office, **LIKELY)
    WellsAssessmentFactory(patient=first.patient, office=office, corrects=first, **UNLIKELY)
    assert flagged(physician) == []


def test_other_offices_scores_are_not_on_this_physicians_page(physician) -> None:
    WellsAssessmentFactory(office=new_york_office(), **LIKELY)
    assert flagged(physician) == []


def test_the_same_day_is_the_day_in_the_offices_zone(physician, office, clock) -> None:
    # 23:30 in Los Angeles is already tomorrow in UTC: the study still falls on the visit day.
    clock.move_to(datetime.datetime(2030, 6, 4, 23, 30, tzinfo=office.zone))
    assessment = WellsAssessmentFactory(office=office, **LIKELY)
    assert assessment.visit_date == datetime.date(2030, 6, 4)
    DuplexStudyFactory(patient=assessment.patient, office=office, performed_at=timezone.now())
    assert flagged(physician) == []


def test_a_week_old_visit_drops_off(physician, office, clock) -> None:
    WellsAssessmentFactory(office=office, visit_date=timezone.localdate() - datetime.timedelta(days=7), **LIKELY)
    assert flagged(physician) == []


def test_the_flag_costs_the_same_queries_for_one_and_many_scores(physician, office) -> None:
    request = RequestFactory().get("/")
    request.user = physician
    panels.physician_home(request, None)  # the user's roles are read once per request, then kept
    counts = []
    for how_many in (1, 15):
        for _ in range(how_many):
            assessment = WellsAssessmentFactory(office=office, **LIKELY)
            DuplexStudyFactory(patient=assessment.patient, office=office, performed_at=timezone.now())
            WellsAssessmentFactory(office=office, **LIKELY)
        counts.append(count_queries(lambda: panels.physician_home(request, None)))
    assert counts[0] == counts[1], counts
    assert len(flagged(physician)) == 16
