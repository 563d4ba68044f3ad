"""Recovery codes: each opens one sign-in; a used or replaced code is refused."""

import pytest
from django.test import Client
from django.urls import reverse

from clinic.signin.devices import new_recovery_codes
from tests.helpers import totp_device_for

pytestmark = pytest.mark.django_db


def half_signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_recovery_code_passes_the_second_factor_once(physician) -> None:
    totp_device_for(physician)
    code = new_recovery_codes(user=physician)[0]
    first = half_signed_in(physician)
    response = first.post(reverse("second_factor_verify"), {"code": code})
    assert response.status_code == 302
    assert first.get("/offices/").status_code == 200

    second = half_signed_in(physician)
    again = second.post(reverse("second_factor_verify"), {"code": code})
    assert again.status_code == 200
    assert "already used" in again.content.decode()


def test_making_new_codes_retires_every_old_one(physician) -> None:
    totp_device_for(physician)
    old = new_recovery_codes(user=physician)
    new_recovery_codes(user=physician)
    client = half_signed_in(physician)
    response = client.post(reverse("second_factor_verify"), {"code": old[3]})
    assert response.status_code == 200
    assert "not right" in response.content.decode()


def test_the_page_warns_how_many_codes_are_left_after_one_is_used(physician) -> None:
    totp_device_for(physician)
    code = new_recovery_codes(user=physician)[0]
    client = half_signed_in(physician)
    response = client.post(reverse("second_factor_verify"), {"code": code}, follow=True)
    assert "You used a recovery code; 9 are left." in response.content.decode()


def test_the_code_page_offers_recovery_codes_only_to_someone_who_has_some(physician) -> None:
    totp_device_for(physician)
    without = half_signed_in(physician).get(reverse("second_factor_verify")).content.decode()
    assert "recovery codes instead" not in without
    assert "Ask a clinic admin (staff) or call the clinic (patients) to reset your sign-in." in without

    new_recovery_codes(user=physician)
    with_codes = half_signed_in(physician).get(reverse("second_factor_verify")).content.decode()
    assert "Type one of your recovery codes instead (10 left)." in with_codes
