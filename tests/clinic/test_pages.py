"""Home pages per role, the error pages in the site's look, and the office pages."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from clinic.roles import Role
from tests.conftest import client_for, make_staff
from tests.factories import OfficeFactory, RoomFactory, UserFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "badge"),
    [
        (Role.FRONT_DESK, "Front desk"),
        (Role.SONOGRAPHER, "Sonographer"),
        (Role.PHYSICIAN, "Physician"),
        (Role.CLINIC_ADMIN, "Clinic admin"),
    ],
)
def test_each_role_lands_on_its_own_home_page(role: Role, badge: str) -> None:
    html = client_for(make_staff(role)).get(reverse("home")).content.decode()
    assert f'data-testid="role-badge">{badge}<' in html


def test_only_the_clinic_admin_sees_the_audit_log_and_admin_in_the_menu() -> None:
    admin_html = client_for(make_staff(Role.CLINIC_ADMIN)).get(reverse("home")).content.decode()
    desk_html = client_for(make_staff(Role.FRONT_DESK)).get(reverse("home")).content.decode()
    assert reverse("audit_log") in admin_html
    assert reverse("audit_log") not in desk_html


def test_an_account_without_a_role_is_told_to_ask_for_one() -> None:
    response = client_for(UserFactory()).get(reverse("home"))
    assert response.status_code == 403
    assert "no role yet" in response.content.decode()


def test_unknown_addresses_get_the_site_404_page(front_desk) -> None:
    response = client_for(front_desk).get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "navbar" in html


def test_a_refused_page_gets_the_site_403_page(front_desk) -> None:
    response = client_for(front_desk).get(reverse("audit_log"))
    assert response.status_code == 403
    assert "have access to this page" in response.content.decode()


def test_an_anonymous_visitor_is_asked_to_log_in_first() -> None:
    response = Client().get(reverse("office_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_office_list_costs_the_same_queries_for_1_and_20_offices(front_desk) -> None:
    client = client_for(front_desk)
    RoomFactory(office=OfficeFactory())
    one = count_queries(lambda: client.get(reverse("office_list")))
    for _ in range(19):
        RoomFactory(office=OfficeFactory())
    twenty = count_queries(lambda: client.get(reverse("office_list")))
    assert one == twenty


def test_role_groups_exist_after_migrate() -> None:
    names = set(Group.objects.values_list("name", flat=True))
    assert {r.value for r in Role} <= names
