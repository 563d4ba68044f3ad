"""Only clinic admins reach the Django admin, for every model registered in it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from clinic.roles import Role
from tests.conftest import client_for, make_staff

pytestmark = pytest.mark.django_db


def changelist_urls() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]


def test_clinic_admin_can_open_every_admin_list() -> None:
    client = client_for(make_staff(Role.CLINIC_ADMIN))
    for url in changelist_urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN])
def test_other_staff_are_refused_every_admin_list(role: Role) -> None:
    client = client_for(make_staff(role))
    for url in changelist_urls():
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_the_site_login() -> None:
    from django.test import Client

    response = Client().get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
