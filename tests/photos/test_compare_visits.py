"""One leg at two visits, side by side, readable on a phone, in a flat number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.photos import LegPhotoFactory

pytestmark = pytest.mark.django_db


def weeks_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(weeks=n)


def test_the_earliest_and_latest_visits_of_the_leg_stand_side_by_side(physician) -> None:
    patient = PatientFactory()
    first = LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(12), caption="before")
    LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(6), caption="middle")
    last = LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(0), caption="after")
    LegPhotoFactory(patient=patient, side="R", visit_date=weeks_ago(3), caption="other leg")
    response = client_for(physician).get(reverse("photos:compare", args=[patient.pk]), {"side": "L"})
    assert response.status_code == 200
    columns = response.context["columns"]
    assert [(day, [p.pk for p in photos]) for day, photos in columns] == [
        (first.visit_date, [first.pk]),
        (last.visit_date, [last.pk]),
    ]
    html = response.content.decode()
    assert html.count('class="col-6"') == 2
    assert reverse("photos:image", args=[first.pk]) in html and "other leg" not in html


def test_two_chosen_visits_are_compared(physician) -> None:
    patient = PatientFactory()
    photos = [LegPhotoFactory(patient=patient, side="R", visit_date=weeks_ago(n)) for n in (9, 6, 3, 0)]
    response = client_for(physician).get(
        reverse("photos:compare", args=[patient.pk]),
        {"side": "R", "before": photos[1].visit_date.isoformat(), "after": photos[2].visit_date.isoformat()},
    )
    assert [day for day, _photos in response.context["columns"]] == [photos[1].visit_date, photos[2].visit_date]


def test_visits_chosen_the_wrong_way_round_still_read_earlier_to_later(physician) -> None:
    patient = PatientFactory()
    first = LegPhotoFactory(patient=patient, side="R", visit_date=weeks_ago(6))
    last = LegPhotoFactory(patient=patient, side="R", visit_date=weeks_ago(1))
    response = client_for(physician).get(
        reverse("photos:compare", args=[patient.pk]),
        {"side": "R", "before": last.visit_date.isoformat(), "after": first.visit_date.isoformat()},
    )
    assert [day for day, _photos in response.context["columns"]] == [first.visit_date, last.visit_date]


@pytest.mark.parametrize(
    "query",
    [{"side": "X"}, {"before": "not-a-day", "after": "2030-13-45"}, {"before": "1700-01-01"}, {"after": "2030-01-01"}],
)
def test_an_unreadable_or_unknown_choice_falls_back_to_first_and_last(physician, query) -> None:
    patient = PatientFactory()
    first = LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(4))
    last = LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(1))
    response = client_for(physician).get(reverse("photos:compare", args=[patient.pk]), query)
    assert response.status_code == 200
    assert [day for day, _photos in response.context["columns"]] == [first.visit_date, last.visit_date]


def test_retired_photos_are_left_out_of_the_comparison(physician) -> None:
    patient = PatientFactory()
    LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(4))
    wrong = LegPhotoFactory(patient=patient, side="L", visit_date=weeks_ago(1))
    wrong.retire(reason="wrong patient", by=physician)
    response = client_for(physician).get(reverse("photos:compare", args=[patient.pk]))
    assert len(response.context["columns"]) == 1
    assert "Only one visit" in response.content.decode()


def test_no_photos_yet_says_so(physician) -> None:
    patient = PatientFactory()
    response = client_for(physician).get(reverse("photos:compare", args=[patient.pk]))
    assert response.status_code == 200
    assert "No photos of the right leg yet." in response.content.decode()


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("view", ["photos:compare", "photos:patient_photos"])
def test_the_pages_take_the_same_number_of_queries_for_one_photo_or_many(view, physician) -> None:
    client = client_for(physician)
    one, many = PatientFactory(), PatientFactory()
    LegPhotoFactory(patient=one, side="L", visit_date=weeks_ago(1))
    for n in range(12):
        LegPhotoFactory(patient=many, side="LR"[n % 2], visit_date=weeks_ago(n % 4))
    LegPhotoFactory(patient=many, side="L", visit_date=weeks_ago(2)).retire(reason="blurred", by=physician)
    queries_for(client, reverse(view, args=[one.pk]))  # warm the session and content types
    assert queries_for(client, reverse(view, args=[one.pk])) == queries_for(client, reverse(view, args=[many.pk]))
