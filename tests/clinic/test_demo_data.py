"""The demo practice: the twelve seed offices, rooms of every kind, a user per role."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role, roles_of

pytestmark = pytest.mark.django_db

SEED_OFFICES = {
    "Danville", "Walnut Creek", "Lafayette", "Concord", "Alameda", "Berkeley",
    "Northwest Portland", "Tigard", "Happy Valley", "Hillsboro", "Bend", "Scottsdale",
}  # fmt: skip


def snapshot() -> tuple:
    return (
        sorted(Office.objects.values_list("name", "phone", "address_line1")),
        sorted(Room.objects.values_list("office__name", "name", "kind")),
        sorted(get_user_model().objects.values_list("username", flat=True)),
        StaffProfile.objects.count(),
    )


def test_the_demo_practice_has_every_seed_office_with_every_kind_of_room() -> None:
    call_command("load_demo", verbosity=0)
    assert set(Office.objects.values_list("name", flat=True)) == SEED_OFFICES
    for office in Office.objects.all():
        kinds = set(office.rooms.values_list("kind", flat=True))
        assert kinds == {Room.Kind.EXAM, Room.Kind.ULTRASOUND, Room.Kind.PROCEDURE}
        assert "555-01" in office.phone  # the block reserved for fiction


def test_there_is_one_demo_login_per_staff_role() -> None:
    call_command("load_demo", verbosity=0)
    User = get_user_model()
    for username, role in [
        ("frontdesk", Role.FRONT_DESK),
        ("sonographer", Role.SONOGRAPHER),
        ("physician", Role.PHYSICIAN),
        ("admin", Role.CLINIC_ADMIN),
    ]:
        user = User.objects.get(username=username)
        assert user.check_password("veinflow-demo")
        assert role in roles_of(user)


def test_loading_the_demo_twice_changes_nothing() -> None:
    call_command("load_demo", verbosity=0)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first


def test_each_demo_staff_login_has_the_published_demo_authenticator_once() -> None:
    from base64 import b32decode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clinic.demo import DEMO_TOTP_SECRET

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    for username in ("frontdesk", "sonographer", "physician", "admin"):
        (device,) = TOTPDevice.objects.filter(user__username=username)
        assert device.confirmed
        assert device.bin_key == b32decode(DEMO_TOTP_SECRET)


def test_demo_code_prints_the_current_code(capsys) -> None:
    import datetime

    import time_machine

    with time_machine.travel(datetime.datetime(2026, 3, 2, 20, 0, 10, tzinfo=datetime.UTC), tick=False):
        call_command("demo_code")
    out = capsys.readouterr().out
    assert out[:6].isdigit()
    assert "valid for 20 more seconds" in out
