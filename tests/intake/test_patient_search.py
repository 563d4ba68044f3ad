"""Front-desk search by name, date of birth or phone: one indexed query."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from intake.models import Patient
from tests.factories import PatientFactory
from tests.helpers import count_queries, requires_postgres

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    return {
        "oak": PatientFactory(first_name="Marguerite", last_name="Oakhollow", date_of_birth=datetime.date(1958, 3, 14)),
        "oakes": PatientFactory(first_name="Jonah", last_name="Oakes", phone="+15415550142"),
        "river": PatientFactory(first_name="Desmond", last_name="Rivermead", phone="+15035550121"),
    }


def found(text: str) -> list[str]:
    return [p.last_name for p in Patient.objects.search(text)]


def test_a_last_name_prefix_finds_patients_whatever_the_case(registry) -> None:
    assert found("OAK") == ["Oakes", "Oakhollow"]


def test_last_comma_first_narrows_by_first_name(registry) -> None:
    assert found("oak, mar") == ["Oakhollow"]


def test_first_then_last_name_works_too(registry) -> None:
    assert found("jonah oak") == ["Oakes"]


def test_a_first_name_alone_finds_the_patient(registry) -> None:
    assert found("desm") == ["Rivermead"]


def test_a_date_of_birth_finds_the_patient(registry) -> None:
    assert found("03/14/1958") == ["Oakhollow"]
    assert found("1958-03-14") == ["Oakhollow"]


def test_a_whole_phone_number_in_any_format_finds_the_patient(registry) -> None:
    assert found("(503) 555-0121") == ["Rivermead"]
    assert found("1-541-555-0142") == ["Oakes"]


def test_the_leading_digits_of_a_phone_number_find_the_patient(registry) -> None:
    assert found("541555") == ["Oakes"]


def test_a_seven_digit_local_number_finds_the_patient_whatever_the_area_code(registry) -> None:
    assert found("5550142") == ["Oakes"]
    assert found("555-0121") == ["Rivermead"]


def test_nothing_typed_finds_nobody(registry) -> None:
    assert found("  ") == []


def test_percent_and_underscore_are_searched_literally(registry) -> None:
    assert found("%") == []
    assert found("_ak") == []


def test_the_search_page_lists_results(front_desk_client, registry) -> None:
    response = front_desk_client.get(reverse("patient_list"), {"q": "oak"})
    assert list(response.context["patients"]) == [registry["oakes"], registry["oak"]]


def test_the_search_page_makes_the_same_number_of_queries_for_1_and_200_rows(front_desk_client) -> None:
    PatientFactory(last_name="Smith")
    url = reverse("patient_list")
    front_desk_client.get(url, {"q": "smith"})
    one = count_queries(lambda: front_desk_client.get(url, {"q": "smith"}))
    PatientFactory.create_batch(199, last_name="Smith")
    response = front_desk_client.get(url, {"q": "smith"})
    assert response.context["more"] is True
    assert count_queries(lambda: front_desk_client.get(url, {"q": "smith"})) == one


def seed_100k_patients() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO intake_patient (
                first_name, last_name, preferred_name, date_of_birth, sex_at_birth, phone, email,
                address_line1, address_line2, city, state, postal_code, preferred_language, preferred_contact,
                insurance_payer, insurance_member_id, emergency_contact_name, emergency_contact_phone,
                emergency_contact_relation, sms_consent, email_consent, created_at, updated_at)
            SELECT 'First' || n, 'Last' || md5(n::text), '', DATE '1940-01-01' + (n % 23000), 'F',
                   '+1503' || lpad((2000000 + n)::text, 7, '0'), '', '', '', '', '', '', 'en', 'phone',
                   '', '', '', '', '', false, false, now(), now()
            FROM generate_series(1, 100000) AS n
            """
        )
        cursor.execute("ANALYZE intake_patient")


@requires_postgres
@pytest.mark.postgres
@pytest.mark.parametrize(
    "text", ["smith", "smith, jo", "jo smith", "maria", "03/14/1961", "(503) 200-0042", "503200", "2000042"]
)
def test_search_stays_one_indexed_query_at_100000_patients(text: str) -> None:
    seed_100k_patients()
    PatientFactory(first_name="Maria", last_name="Smith", date_of_birth=datetime.date(1961, 3, 14))
    query = Patient.objects.search(text)[:51]
    plan = query.explain()
    assert "Seq Scan on intake_patient" not in plan, plan
    assert "Index" in plan, plan
    assert count_queries(lambda: list(query)) == 1
