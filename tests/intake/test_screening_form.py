"""The public screening form: what a visitor sees, what is stored, what is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from intake.models import ScreeningSubmission
from intake.triage import TriageLevel
from tests.intake.answers import screening_post

pytestmark = pytest.mark.django_db


def post(client, **answers):
    return client.post(reverse("screening_form"), screening_post(**answers))


def test_the_form_needs_no_login(client) -> None:
    response = client.get(reverse("screening_form"))
    assert response.status_code == 200
    assert b"Online vein screening" in response.content


def test_a_routine_screening_is_stored_and_the_visitor_learns_what_happens_next(client) -> None:
    response = post(client, cramps="both", cramps_at_night="on", cramps_per_week="3", cramp_locations=["calf"])
    assert response.status_code == 302
    submission = ScreeningSubmission.objects.get()
    assert submission.phone == "+19255550130"
    assert submission.cramp_locations == ["calf"]
    assert submission.triage_level == TriageLevel.ROUTINE
    thanks = client.get(response["Location"])
    assert b"What happens next" in thanks.content
    assert b"get care today" not in thanks.content


def test_a_swollen_red_painful_leg_gets_same_day_advice(client) -> None:
    response = post(client, swelling="left", redness="left", leg_pain="left")
    submission = ScreeningSubmission.objects.get()
    assert submission.triage_level == TriageLevel.URGENT
    assert submission.triage_findings[0]["code"] == "possible_dvt"
    thanks = client.get(response["Location"])
    assert b"Please get care today" in thanks.content
    assert b"Possible blood clot" in thanks.content


def test_chest_pain_gets_the_emergency_message(client) -> None:
    response = post(client, chest_pain="on", swelling="right", leg_pain="right")
    thanks = client.get(response["Location"])
    assert b"Call 911 now" in thanks.content


def test_consent_is_dated_with_the_submission(client) -> None:
    before = timezone.now()
    post(client, sms_consent="on")
    submission = ScreeningSubmission.objects.get()
    assert submission.sms_consent is True
    assert submission.submitted_at >= before


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_stored(client) -> None:
    response = post(client, website="http://spam.example")
    assert response.status_code == 302
    assert ScreeningSubmission.objects.count() == 0


def test_too_many_screenings_from_one_address_are_refused_with_the_answers_kept(client, settings) -> None:
    settings.SCREENING_RATE_LIMIT = (2, 3600)
    post(client)
    post(client, phone="(925) 555-0131")
    response = post(client, phone="(925) 555-0132", medications="Lasix 20 mg")
    assert response.status_code == 429
    assert ScreeningSubmission.objects.count() == 2
    assert b"Please call us instead" in response.content
    assert b"Lasix 20 mg" in response.content


def test_a_different_address_is_not_limited_by_another(client, settings) -> None:
    settings.SCREENING_RATE_LIMIT = (1, 3600)
    post(client)
    response = client.post(reverse("screening_form"), screening_post(), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def errors_for(client, **answers) -> dict:
    response = post(client, **answers)
    assert response.status_code == 200
    assert ScreeningSubmission.objects.count() == 0
    return response.context["form"].errors


def test_a_future_date_of_birth_is_refused_next_to_the_field(client) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert "future" in errors_for(client, date_of_birth=tomorrow.isoformat())["date_of_birth"][0]


def test_an_age_over_120_is_refused(client) -> None:
    assert "over 120" in errors_for(client, date_of_birth="1890-01-01")["date_of_birth"][0]


def test_a_malformed_phone_is_refused(client) -> None:
    assert "10-digit" in errors_for(client, phone="555-12")["phone"][0]


def test_a_malformed_email_is_refused(client) -> None:
    assert errors_for(client, email="lorna@")["email"]


def test_a_male_visitor_answering_pregnant_is_asked_to_check(client) -> None:
    assert "male" in errors_for(client, sex_at_birth="M", pregnancy="yes")["pregnancy"][0]


def test_weeks_of_pregnancy_without_a_pregnancy_are_refused(client) -> None:
    assert errors_for(client, pregnancy="no", pregnancy_weeks="12")["pregnancy_weeks"]


def test_sudden_swelling_without_swelling_is_refused(client) -> None:
    assert errors_for(client, swelling_sudden="on")["swelling_sudden"]


def test_contact_consent_is_required(client) -> None:
    assert errors_for(client, consent_to_contact=None)["consent_to_contact"]


def test_a_rejected_form_keeps_everything_the_visitor_typed(client) -> None:
    response = post(client, phone="bad", medications="Lipitor 20 mg", swelling="left", other_conditions="gout")
    content = response.content.decode()
    assert 'value="Lorna"' in content
    assert "Lipitor 20 mg" in content
    assert "gout" in content
    assert (
        'value="left" checked' in content
        or 'checked value="left"' in content
        or (response.context["form"]["swelling"].value() == "left")
    )
