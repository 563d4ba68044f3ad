"""A new staff member sets up their authenticator app at the first sign-in."""

import datetime
from base64 import b32decode

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import AuditEntry
from clinic.roles import Role
from tests.conftest import client_for, make_staff
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 20, 0, tzinfo=datetime.UTC)


def secret_shown(page: str) -> str:
    start = page.index('data-testid="totp-secret">') + len('data-testid="totp-secret">')
    return page[start : page.index("</code>", start)].replace(" ", "")


def test_a_staff_member_without_a_device_is_sent_to_set_one_up(front_desk) -> None:
    client = client_for(front_desk, verified=False)
    response = client.get("/patients/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_enrol"))


@time_machine.travel(NOON, tick=False)
def test_setting_up_the_app_shows_the_key_confirms_with_a_code_and_gives_recovery_codes(office) -> None:
    user = make_staff(Role.SONOGRAPHER, office)
    client = client_for(user, verified=False)
    page = client.get(reverse("second_factor_enrol_totp")).content.decode()
    assert "<svg" in page  # the QR code, drawn inline: no script, no image request
    assert "otpauth://totp/VeinFlow" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert b32decode(secret_shown(page) + "=" * (-len(secret_shown(page)) % 8)) == device.bin_key

    response = client.post(
        reverse("second_factor_enrol_totp"), {"code": totp_code(device, at=NOON.timestamp()), "next": "/vein/"}
    )
    assert response.status_code == 302
    codes_page = client.get(response["Location"]).content.decode()
    assert codes_page.count("<li><code>") == 10
    assert client.get("/vein/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # Shown once: the next visit only counts them.
    assert "<li><code>" not in client.get(reverse("second_factor_recovery_codes")).content.decode()
    assert AuditEntry.objects.filter(content_type__model="totpdevice", object_pk=str(device.pk)).exists()


@time_machine.travel(NOON, tick=False)
def test_a_wrong_first_code_keeps_the_device_unconfirmed(office) -> None:
    user = make_staff(Role.SONOGRAPHER, office)
    client = client_for(user, verified=False)
    client.get(reverse("second_factor_enrol_totp"))
    response = client.post(reverse("second_factor_enrol_totp"), {"code": "123"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_person_with_a_device_cannot_add_another_before_passing_the_first(physician) -> None:
    from tests.helpers import totp_device_for

    totp_device_for(physician)
    client = client_for(physician, verified=False)
    response = client.get(reverse("second_factor_enrol_totp"))
    assert response["Location"].startswith(reverse("second_factor_verify"))
