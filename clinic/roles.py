"""Who is who in the clinic.

A role is a Django group of the same name; what each role may do is a set of
Django permissions. Each app declares the permissions it grants in its own
``roles.py`` (``GRANTS``), and ``sync_role_groups`` gathers them after every
migrate, so the core never has to import the apps that build on it.
"""

from collections.abc import Iterable
from importlib import import_module
from typing import Any

from auditlog.context import disable_auditlog
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import models
from django.utils.module_loading import module_has_submodule


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", "Front desk"
    SONOGRAPHER = "sonographer", "Sonographer"
    PHYSICIAN = "physician", "Physician"
    CLINIC_ADMIN = "clinic_admin", "Clinic admin"
    # Reads the practice's figures (reports.view_dashboard) and nothing else; a clinic
    # admin makes someone one by adding them to this group in the admin.
    PRACTICE_MANAGER = "practice_manager", "Practice manager"
    PATIENT = "patient", "Patient"


STAFF_ROLES = (Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN, Role.PRACTICE_MANAGER)

# What the core itself grants. Apps add theirs in their own roles.py.
GRANTS: dict[Role, list[str]] = {
    # Every staff member keeps drafts of the long forms they type (clinic.drafts).
    Role.FRONT_DESK: ["clinic.view_office", "clinic.view_room", "clinic.add_formdraft"],
    Role.SONOGRAPHER: ["clinic.view_office", "clinic.view_room", "clinic.add_formdraft"],
    Role.PHYSICIAN: ["clinic.view_office", "clinic.view_room", "clinic.add_formdraft"],
    Role.CLINIC_ADMIN: [
        "clinic.add_formdraft",
        # Sign-in devices: the list, and the reset of a lost one (clinic.signin.views).
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
        "otp_static.delete_staticdevice",
        "django_otp_webauthn.delete_webauthncredential",
        "clinic.view_office",
        "clinic.add_office",
        "clinic.change_office",
        "clinic.view_room",
        "clinic.add_room",
        "clinic.change_room",
        "clinic.delete_room",
        "clinic.view_staffprofile",
        "clinic.add_staffprofile",
        "clinic.change_staffprofile",
        "clinic.view_auditentry",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
    ],
}


def collect_grants() -> dict[Role, set[str]]:
    """Every app's GRANTS merged, keyed by role."""
    merged: dict[Role, set[str]] = {role: set() for role in Role}
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "roles"):
            continue
        module = import_module(f"{config.name}.roles")
        for role, perms in getattr(module, "GRANTS", {}).items():
            merged[Role(role)].update(perms)
    return merged


def sync_role_groups(**kwargs: Any) -> None:
    """Create one group per role and give it exactly the granted permissions.

    Not audited: this runs after every migrate and only restates what the apps'
    roles.py grant, whose history is the code's. A role changed by hand in the admin
    is audited (the Group model is registered).
    """
    with disable_auditlog():
        _sync_role_groups()


def _sync_role_groups() -> None:
    for role, perms in collect_grants().items():
        group, _ = Group.objects.get_or_create(name=role.value)
        wanted = []
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def roles_of(user: Any) -> frozenset[Role]:
    """The roles of a user, read once per request and kept on the user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_veinflow_roles", None)
    if cached is None:
        load_grants(user)
        cached = user._veinflow_roles
    return cached


def load_grants(user: Any) -> None:
    """Read a signed-in user's groups and permissions in one query and keep them on the user
    object, for this request only (the next request reads them afresh, so a revoked role or
    permission takes effect at once).

    Django's ModelBackend would ask twice more, once for the user's own permissions and once for
    their groups'; it keeps its answers in the attributes set here and reads those when present,
    as ``clinic.auth_backends.GrantsBackend`` relies on (Django 5.2's ``_user_perm_cache``,
    ``_group_perm_cache`` and ``_perm_cache``). Two queries fewer on every signed-in
    page (bench P2f: 10 queries to 8 for the front desk's home page). An inactive user or a
    superuser is left to ModelBackend, which answers those without these sets.
    """
    if getattr(user, "_veinflow_roles", None) is not None:
        return
    own = (
        Permission.objects.filter(user=user)
        .annotate(via_group=models.Value(None, output_field=models.CharField()))
        .values_list("via_group", "content_type__app_label", "codename")
        .order_by()
    )
    via_groups = (
        Group.objects.filter(user=user)
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
        .order_by()
    )
    names: set[str] = set()
    user_perms: set[str] = set()
    group_perms: set[str] = set()
    for group, app_label, codename in own.union(via_groups, all=True):
        if group is None:
            user_perms.add(f"{app_label}.{codename}")
            continue
        names.add(group)
        if codename is not None:
            group_perms.add(f"{app_label}.{codename}")
    user._veinflow_roles = frozenset(role for role in Role if role.value in names)
    if user.is_active and not user.is_superuser and not hasattr(user, "_perm_cache"):
        user._user_perm_cache = user_perms
        user._group_perm_cache = group_perms
        user._perm_cache = user_perms | group_perms


def has_role(user: Any, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def is_staff_member(user: Any) -> bool:
    return has_role(user, *STAFF_ROLES)


def primary_role(user: Any) -> Role | None:
    """The role whose home page a user lands on; the most privileged wins."""
    held = roles_of(user)
    for role in (
        Role.CLINIC_ADMIN,
        Role.PHYSICIAN,
        Role.SONOGRAPHER,
        Role.FRONT_DESK,
        Role.PRACTICE_MANAGER,
        Role.PATIENT,
    ):
        if role in held:
            return role
    return None


def users_with_role(role: Role) -> Iterable:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=role.value, is_active=True)
