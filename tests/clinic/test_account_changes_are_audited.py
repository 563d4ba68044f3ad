"""User accounts are how PHI is reached: creating one, deactivating it, changing its
role and setting its password all leave an entry naming who did it."""

import pytest
from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from clinic.models import AuditEntry
from clinic.roles import Role
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def entries_for(user) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(get_user_model()), object_pk=str(user.pk)
        ).order_by("pk")
    )


def test_an_account_created_in_the_admin_is_recorded(clinic_admin) -> None:
    response = client_for(clinic_admin).post(
        reverse("admin:auth_user_add"),
        {
            "username": "newdesk",
            "password1": "Veinflow-2026-x",
            "password2": "Veinflow-2026-x",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    created = get_user_model().objects.get(username="newdesk")
    entry = entries_for(created)[0]
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == clinic_admin
    assert created.password not in str(entry.changes)


def test_deactivating_an_account_is_recorded(clinic_admin) -> None:
    user = UserFactory(role=Role.FRONT_DESK)
    with set_actor(clinic_admin):
        user.is_active = False
        user.save()
    entry = entries_for(user)[-1]
    assert entry.actor == clinic_admin
    assert entry.changes["is_active"] == [True, False]


def test_a_role_change_is_recorded_as_groups_added_and_removed(clinic_admin) -> None:
    user = UserFactory(role=Role.FRONT_DESK)
    with set_actor(clinic_admin):
        user.groups.add(Group.objects.get(name=Role.PHYSICIAN.value))
        user.groups.remove(Group.objects.get(name=Role.FRONT_DESK.value))
    added, removed = entries_for(user)[-2:]
    assert added.changes["groups"]["operation"] == "add"
    assert added.changes["groups"]["objects"] == [Role.PHYSICIAN.value]
    assert removed.changes["groups"]["operation"] == "delete"
    assert {added.actor, removed.actor} == {clinic_admin}


def test_a_role_groups_permissions_changed_by_hand_are_recorded(clinic_admin) -> None:
    group = Group.objects.get(name=Role.FRONT_DESK.value)
    with set_actor(clinic_admin):
        group.permissions.clear()
    entry = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Group)).latest("pk")
    assert entry.object_pk == str(group.pk)
    assert entry.actor == clinic_admin


def test_a_password_set_by_an_admin_is_recorded_without_the_hash(clinic_admin) -> None:
    user = UserFactory(role=Role.FRONT_DESK)
    old_hash = user.password
    response = client_for(clinic_admin).post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "Another-2026-pass", "password2": "Another-2026-pass", "usable_password": "true"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    entry = entries_for(user)[-1]
    assert entry.actor == clinic_admin
    assert entry.changes["password"] == ["(not recorded)", "(not recorded)"]
    assert old_hash not in str(entry.changes) and user.password not in str(entry.changes)
    assert user.password not in str(entry.serialized_data or "")


def test_signing_in_leaves_no_account_change_entry(front_desk, client) -> None:
    from tests.factories import PASSWORD

    before = len(entries_for(front_desk))
    response = client.post(reverse("login"), {"username": front_desk.username, "password": PASSWORD})
    assert response.status_code == 302
    assert len(entries_for(front_desk)) == before
