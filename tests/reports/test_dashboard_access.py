"""Who reads the dashboard: clinic admins and practice managers; nobody else."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clinic.roles import Role, primary_role
from tests.conftest import client_for, make_staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN])
def test_clinical_and_desk_staff_may_not_open_the_dashboard(role: Role) -> None:
    client = client_for(make_staff(role))
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:dashboard_csv", args=["visits-by-type"])).status_code == 403


def test_a_patient_may_not_open_the_dashboard(patient_user) -> None:
    assert client_for(patient_user).get(reverse("reports:dashboard")).status_code == 403


def test_clinic_admin_opens_the_dashboard(clinic_admin) -> None:
    assert client_for(clinic_admin).get(reverse("reports:dashboard")).status_code == 200


def test_an_admin_makes_a_front_desk_member_practice_manager_by_adding_the_group(front_desk) -> None:
    client = client_for(front_desk)
    assert client.get(reverse("reports:dashboard")).status_code == 403
    front_desk.groups.add(Group.objects.get(name=Role.PRACTICE_MANAGER.value))
    front_desk = type(front_desk).objects.get(pk=front_desk.pk)  # permissions are cached per user object
    assert client_for(front_desk).get(reverse("reports:dashboard")).status_code == 200


def test_a_practice_manager_sees_the_dashboard_in_the_menu_and_on_home_but_no_patient_pages() -> None:
    manager = make_staff(Role.PRACTICE_MANAGER)
    assert primary_role(manager) == Role.PRACTICE_MANAGER
    client = client_for(manager)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert reverse("reports:dashboard") in home.content.decode()
    assert client.get(reverse("patient_list")).status_code == 403
    assert client.get(reverse("scheduling:calendar")).status_code == 403


def test_a_practice_manager_signs_in_with_a_second_factor() -> None:
    manager = make_staff(Role.PRACTICE_MANAGER)
    response = client_for(manager, verified=False).get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert reverse("reports:dashboard") not in response["Location"].split("?")[0]


def test_an_anonymous_visitor_is_sent_to_sign_in() -> None:
    from django.test import Client

    response = Client().get(reverse("reports:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_admin_site_offers_the_practice_manager_group(clinic_admin) -> None:
    UserFactory()
    assert Group.objects.filter(name="practice_manager").exists()
