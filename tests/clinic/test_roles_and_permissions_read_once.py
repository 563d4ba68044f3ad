"""A signed-in user's roles and permissions are read in one query per request, and a change to them
shows on the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.roles import Role, primary_role

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request loads it."""
    return get_user_model().objects.get(pk=user.pk)


def test_permissions_and_role_come_from_one_query(front_desk) -> None:
    user = fresh(front_desk)
    with CaptureQueriesContext(connection) as queries:
        assert user.has_perm("scheduling.view_appointment")
        assert not user.has_perm("evaluations.sign_evaluation")
        assert primary_role(user) is Role.FRONT_DESK
        assert "scheduling.view_appointment" in user.get_all_permissions()
    assert len(queries) == 1


def test_the_role_first_then_permissions_is_one_query_too(front_desk) -> None:
    user = fresh(front_desk)
    with CaptureQueriesContext(connection) as queries:
        assert primary_role(user) is Role.FRONT_DESK
        assert user.has_perm("scheduling.view_appointment")
    assert len(queries) == 1


def test_a_permission_given_to_the_user_alone_counts(front_desk) -> None:
    front_desk.user_permissions.add(Permission.objects.get(codename="sign_evaluation"))
    user = fresh(front_desk)
    assert user.has_perm("evaluations.sign_evaluation")
    assert "evaluations.sign_evaluation" in user.get_user_permissions()
    assert "evaluations.sign_evaluation" not in user.get_group_permissions()


def test_a_revoked_role_takes_effect_on_the_next_request(front_desk) -> None:
    user = fresh(front_desk)
    assert user.has_perm("scheduling.view_appointment")
    front_desk.groups.remove(Group.objects.get(name=Role.FRONT_DESK.value))
    user = fresh(front_desk)
    assert not user.has_perm("scheduling.view_appointment")
    assert primary_role(user) is None


def test_a_deactivated_user_holds_no_permission(front_desk) -> None:
    front_desk.is_active = False
    front_desk.save()
    assert not fresh(front_desk).has_perm("scheduling.view_appointment")


def test_a_superuser_holds_every_permission(front_desk) -> None:
    front_desk.is_superuser = True
    front_desk.save()
    user = fresh(front_desk)
    assert user.has_perm("evaluations.sign_evaluation")
    assert "evaluations.sign_evaluation" in user.get_all_permissions()
