"""The front desk's queue: urgent first, then oldest; call outcomes with notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import ScreeningSubmission
from tests.factories import ScreeningFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def hours_ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def test_urgent_screenings_come_first_then_the_oldest(front_desk_client) -> None:
    old_routine = ScreeningFactory(last_name="Routine", submitted_at=hours_ago(48))
    new_urgent = ScreeningFactory(last_name="Urgent", submitted_at=hours_ago(1), bleeding="left")
    older_urgent = ScreeningFactory(last_name="Earlier", submitted_at=hours_ago(5), swelling="left", warmth="left")
    priority = ScreeningFactory(last_name="Priority", submitted_at=hours_ago(2), healed_ulcer="right")
    response = front_desk_client.get(reverse("screening_queue"))
    assert list(response.context["page"]) == [older_urgent, new_urgent, priority, old_routine]


def test_each_row_says_why_it_is_where_it_is(front_desk_client) -> None:
    ScreeningFactory(swelling="left", redness="left")
    response = front_desk_client.get(reverse("screening_queue"))
    assert b"Possible blood clot" in response.content


def test_closed_screenings_leave_the_open_queue(front_desk_client, front_desk) -> None:
    declined = ScreeningFactory()
    declined.mark(ScreeningSubmission.Status.DECLINED, note="Not interested", by=front_desk)
    response = front_desk_client.get(reverse("screening_queue"))
    assert declined not in response.context["page"]
    closed = front_desk_client.get(reverse("screening_queue") + "?show=closed")
    assert declined in closed.context["page"]


def test_the_queue_makes_the_same_number_of_queries_for_1_and_200_rows(front_desk_client) -> None:
    ScreeningFactory()
    url = reverse("screening_queue")
    front_desk_client.get(url)  # warm the session and role caches
    one = count_queries(lambda: front_desk_client.get(url))
    ScreeningFactory.create_batch(199, bleeding="left")
    assert count_queries(lambda: front_desk_client.get(url)) == one


def test_the_front_desk_marks_a_screening_contacted_with_a_note(front_desk_client, front_desk) -> None:
    submission = ScreeningFactory()
    response = front_desk_client.post(
        reverse("screening_mark", args=[submission.pk]), {"status": "contacted", "note": "Left voicemail"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "contacted"
    assert submission.status_note == "Left voicemail"
    assert submission.handled_by == front_desk
    assert submission.is_open


def test_declining_without_a_note_is_refused_next_to_the_note(front_desk_client) -> None:
    submission = ScreeningFactory()
    response = front_desk_client.post(
        reverse("screening_mark", args=[submission.pk]), {"status": "declined", "note": " "}
    )
    assert response.status_code == 200
    assert response.context["status_form"].errors["note"]
    submission.refresh_from_db()
    assert submission.status == "new"


def test_a_declined_screening_cannot_be_marked_again(front_desk_client, front_desk) -> None:
    submission = ScreeningFactory()
    submission.mark("declined", note="Moved away", by=front_desk)
    front_desk_client.post(reverse("screening_mark", args=[submission.pk]), {"status": "contacted", "note": "x"})
    submission.refresh_from_db()
    assert submission.status == "declined"


def test_opening_a_screening_is_audited(front_desk_client) -> None:
    from clinic.models import AuditEntry

    submission = ScreeningFactory()
    front_desk_client.get(reverse("screening_detail", args=[submission.pk]))
    assert AuditEntry.objects.filter(object_pk=str(submission.pk), action=AuditEntry.Action.ACCESS).exists()


def test_an_unknown_screening_is_not_found(front_desk_client) -> None:
    assert front_desk_client.get(reverse("screening_detail", args=[999999])).status_code == 404


def test_the_front_desk_home_shows_urgent_screenings_waiting(front_desk_client) -> None:
    ScreeningFactory(last_name="Fenwick", swelling="left", redness="left")
    response = front_desk_client.get(reverse("home"))
    assert b"Screenings waiting" in response.content
    assert b"Fenwick" in response.content
