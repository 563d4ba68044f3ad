"""The patient's HASTI symptom score is trended beside the VCSS on the chart and on the
vein record, drawn by the server and listed as numbers too."""

import datetime

import pytest
from django.urls import reverse

from evaluations import trends
from intake.models import SymptomScore
from intake.services import record_symptom_score
from tests.clock import SUITE_NOW
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.evaluations import signed_evaluation

pytestmark = pytest.mark.django_db


def scores_for(patient, by) -> list[SymptomScore]:
    rows = [
        ("baseline", 60, {"heaviness": 4, "achiness": 4, "swelling": 3, "throbbing": 3, "itching": 3}),
        ("six_weeks", 5, {"heaviness": 1, "achiness": 2, "swelling": 1, "throbbing": 1, "itching": 1}),
    ]
    return [
        record_symptom_score(
            patient=patient,
            scores=scores,
            occasion=occasion,
            source="patient",
            entered_by=by,
            now=SUITE_NOW - datetime.timedelta(days=days_ago),
        )
        for occasion, days_ago, scores in rows
    ]


def test_the_hasti_chart_has_one_point_per_questionnaire_on_a_0_to_25_axis(physician) -> None:
    chart = trends.build_symptoms(scores_for(PatientFactory(), physician))
    (series,) = chart.series
    assert not chart.empty and [t[1] for t in chart.y_ticks] == [0, 5, 10, 15, 20, 25]
    assert [title.split(" on ")[0] for _x, _y, title in series.dots] == ["HASTI 17 of 25", "HASTI 6 of 25"]
    (first_y, second_y) = (dot[1] for dot in series.dots)
    assert first_y < second_y  # a lower score sits lower on the chart
    assert trends.build_symptoms([]).empty


def test_the_chart_panel_shows_hasti_beside_vcss_with_the_numbers(physician) -> None:
    patient = PatientFactory()
    signed_evaluation(patient, legs={"R": {"pain": 2, "varicose_veins": 2}, "L": {"pain": 1}})
    scores_for(patient, physician)
    page = client_for(physician).get(reverse("patient_chart", args=[patient.pk])).content.decode()
    assert 'data-testid="vcss-trend"' in page and 'data-testid="hasti-trend"' in page
    assert 'data-testid="vcss-table"' in page and 'data-testid="hasti-table"' in page
    assert "<strong>17</strong>" in page and "<strong>6</strong>" in page
    assert "<td>4</td><td>1</td>" in page  # right and left VCSS of the signed visit


def test_the_vein_record_shows_hasti_beside_vcss(physician) -> None:
    patient = PatientFactory()
    scores_for(patient, physician)
    page = client_for(physician).get(reverse("evaluations:patient_overview", args=[patient.pk])).content.decode()
    assert "VCSS and symptoms over time" in page
    assert 'data-testid="hasti-trend"' in page and "HASTI 17 of 25" in page and "HASTI 6 of 25" in page


def test_without_a_questionnaire_the_record_says_how_one_comes(physician) -> None:
    patient = PatientFactory()
    page = client_for(physician).get(reverse("evaluations:patient_overview", args=[patient.pk])).content.decode()
    assert 'data-testid="hasti-empty"' in page


def test_the_chart_reads_the_symptom_scores_once_for_its_table_and_the_trend_panel(physician) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    patient = PatientFactory()
    scores_for(patient, physician)
    client = client_for(physician)
    url = reverse("patient_chart", args=[patient.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    reads = [q["sql"] for q in captured if q["sql"].startswith("SELECT") and 'FROM "intake_symptomscore"' in q["sql"]]
    assert len(reads) == 1, reads
    # Both still show both questionnaires: the table newest first, the trend oldest first.
    assert [s.occasion for s in response.context["symptom_scores"]] == ["six_weeks", "baseline"]
    assert b"HASTI 17 of 25" in response.content and b"HASTI 6 of 25" in response.content
