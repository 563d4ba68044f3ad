"""A clinic admin resets the lost device of another staff member; the audit log shows it."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import AuditEntry
from clinic.signin.devices import new_recovery_codes
from tests.conftest import client_for
from tests.helpers import totp_device_for

pytestmark = pytest.mark.django_db


def test_the_admin_resets_a_lost_device_and_the_audit_log_names_who_did(clinic_admin_client, clinic_admin, physician):
    device = totp_device_for(physician)
    new_recovery_codes(user=physician)
    physician_client = client_for(physician)
    assert physician_client.get("/offices/").status_code == 200

    listing = clinic_admin_client.get(reverse("staff_devices")).content.decode()
    assert physician.username in listing
    response = clinic_admin_client.post(reverse("reset_user_devices", args=[physician.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=physician).exists()
    assert not StaticDevice.objects.filter(user=physician).exists()
    deleted = AuditEntry.objects.get(
        content_type__model="totpdevice", object_pk=str(device.pk), action=AuditEntry.Action.DELETE
    )
    assert deleted.actor == clinic_admin
    # The session verified with the lost phone is verified no longer: set up a new device.
    assert physician_client.get("/offices/")["Location"].startswith(reverse("second_factor_enrol"))


def test_only_a_clinic_admin_can_reset_devices(physician_client, front_desk) -> None:
    totp_device_for(front_desk)
    response = physician_client.post(reverse("reset_user_devices", args=[front_desk.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=front_desk).exists()


def test_an_admin_cannot_reset_their_own_devices(clinic_admin_client, clinic_admin) -> None:
    clinic_admin_client.post(reverse("reset_user_devices", args=[clinic_admin.pk]))
    assert TOTPDevice.objects.filter(user=clinic_admin).exists()


def test_the_sign_in_devices_list_costs_the_same_queries_for_few_and_many_staff(clinic_admin_client, office) -> None:
    from clinic.roles import Role
    from tests.conftest import make_staff
    from tests.helpers import count_queries

    make_staff(Role.FRONT_DESK, office)
    few = count_queries(lambda: clinic_admin_client.get(reverse("staff_devices")))
    for _ in range(15):
        totp_device_for(make_staff(Role.SONOGRAPHER, office))
    many = count_queries(lambda: clinic_admin_client.get(reverse("staff_devices")))
    assert few == many
