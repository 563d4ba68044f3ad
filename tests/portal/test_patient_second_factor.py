"""A patient may turn on two-step sign-in in the portal; it then guards every portal page."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD
from tests.helpers import totp_code, verify_second_factor

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)


def test_a_patient_without_it_signs_in_with_the_password_alone(my_client) -> None:
    assert my_client.get(reverse("portal:home")).status_code == 200


def test_the_preferences_page_offers_two_step_sign_in(my_client) -> None:
    page = my_client.get(reverse("portal:preferences")).content.decode()
    assert reverse("second_factor_manage") in page


@time_machine.travel(NOON, tick=False)
def test_a_patient_turns_it_on_and_then_needs_a_code_to_open_the_portal(me, my_client) -> None:
    user, _patient = me
    page = my_client.get(reverse("second_factor_enrol_totp")).content.decode()
    assert 'class="navbar-brand fw-semibold" href="/portal/"' in page  # inside the portal's own pages
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = my_client.post(reverse("second_factor_enrol_totp"), {"code": totp_code(device, at=NOON.timestamp())})
    assert response.status_code == 302

    later = Client()
    later.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert later.get(reverse("portal:home"))["Location"].startswith(reverse("second_factor_verify"))


def test_the_code_page_speaks_spanish_to_a_spanish_speaking_patient(me) -> None:
    user, _patient = me
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(user)
    page = client.get(reverse("second_factor_verify")).content.decode()
    assert "Confirme que es usted" in page


def test_a_patient_may_turn_it_off_again(me, my_client) -> None:
    user, _patient = me
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    verify_second_factor(my_client, user)
    my_client.post(reverse("second_factor_manage"), {"turn_off": "1"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert my_client.get(reverse("portal:home")).status_code == 200


def test_staff_cannot_turn_their_second_factor_off(physician_client, physician) -> None:
    physician_client.post(reverse("second_factor_manage"), {"turn_off": "1"})
    assert TOTPDevice.objects.filter(user=physician).exists()
