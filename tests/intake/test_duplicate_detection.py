"""Finding the patient a set of details describes, before a duplicate chart is made."""

import datetime

import pytest
from django.urls import reverse

from intake.models import Patient
from intake.services import match_patients
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db

DOB = datetime.date(1958, 3, 14)


def strengths(**details) -> list[tuple[str, str]]:
    given = {
        "first_name": "Marguerite",
        "last_name": "Oakhollow",
        "date_of_birth": DOB,
        "phone": "+15035550120",
        "email": "",
        **details,
    }
    return [(m.patient.last_name, m.strength) for m in match_patients(**given)]


def test_same_name_birth_date_and_phone_is_a_sure_match() -> None:
    PatientFactory(first_name="Marguerite", last_name="Oakhollow", date_of_birth=DOB, phone="+15035550120")
    assert strengths() == [("Oakhollow", "sure")]


def test_case_spacing_and_hyphens_do_not_hide_a_match() -> None:
    PatientFactory(first_name="marguerite ", last_name="Oak-Hollow", date_of_birth=DOB, phone="+15035550120")
    assert strengths(last_name="OAKHOLLOW") == [("Oak-Hollow", "sure")]


def test_same_name_and_birth_date_with_email_is_a_sure_match() -> None:
    PatientFactory(
        first_name="Marguerite", last_name="Oakhollow", date_of_birth=DOB, phone="+15035550999", email="M@Example.test"
    )
    assert strengths(email="m@example.test") == [("Oakhollow", "sure")]


def test_same_name_and_birth_date_without_a_shared_contact_is_only_possible() -> None:
    PatientFactory(first_name="Marguerite", last_name="Oakhollow", date_of_birth=DOB, phone="+15035550999")
    assert strengths() == [("Oakhollow", "possible")]


def test_a_mistyped_birth_year_with_the_same_phone_is_possible() -> None:
    PatientFactory(
        first_name="Marguerite", last_name="Oakhollow", date_of_birth=DOB.replace(year=1959), phone="+15035550120"
    )
    assert strengths() == [("Oakhollow", "possible")]


def test_a_stranger_sharing_only_a_birthday_is_no_match() -> None:
    PatientFactory(first_name="Tobias", last_name="Greyfield", date_of_birth=DOB, phone="+15035550777", email="")
    assert strengths() == []


def test_registering_a_known_patient_opens_the_existing_chart(front_desk_client) -> None:
    existing = PatientFactory(first_name="Marguerite", last_name="Oakhollow", date_of_birth=DOB, phone="+15035550120")
    response = front_desk_client.post(
        reverse("patient_create"),
        {
            "first_name": "Marguerite",
            "last_name": "Oakhollow",
            "date_of_birth": "1958-03-14",
            "sex_at_birth": "F",
            "phone": "503-555-0120",
            "preferred_language": "en",
            "preferred_contact": "phone",
        },
    )
    assert response["Location"] == existing.get_absolute_url()
    assert Patient.objects.count() == 1


def test_registering_a_look_alike_asks_first_then_creates_on_confirmation(front_desk_client) -> None:
    PatientFactory(first_name="Marguerite", last_name="Oakhollow", date_of_birth=DOB, phone="+15035550999")
    data = {
        "first_name": "Marguerite",
        "last_name": "Oakhollow",
        "date_of_birth": "03/14/1958",
        "sex_at_birth": "F",
        "phone": "503-555-0120",
        "preferred_language": "en",
        "preferred_contact": "phone",
    }
    response = front_desk_client.post(reverse("patient_create"), data)
    assert response.status_code == 200
    assert b"look alike" in response.content
    assert Patient.objects.count() == 1
    response = front_desk_client.post(reverse("patient_create"), {**data, "confirm_new": "yes"})
    assert response.status_code == 302
    assert Patient.objects.count() == 2
