"""What each app adds to shared pages, for the roles it serves.

The core and intake own the layouts (navigation bar, home page, patient chart);
apps register menu items, panels and onward actions in their AppConfig.ready(),
so no app imports one that builds on it. Dependencies keep pointing one way.

``roles`` says whose page an entry belongs on; a menu item or an action is shown
only if the user also holds the permission its target view asks for
(clinic.access.may_open), so no link leads to a 403.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_urlconf, reverse

from clinic.access import may_open, required_permissions
from clinic.roles import Role, roles_of

HOME = "home"
PATIENT_CHART = "patient_chart"
SCREENING = "screening"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A card on a shared page: ``context(request, obj)`` feeds ``template``."""

    place: str
    template: str
    roles: frozenset[Role]
    context: Callable[[HttpRequest, Any], dict[str, Any]] = lambda request, obj: {}
    order: int = 100


@dataclass(frozen=True)
class Action:
    """A button leading onward from a record, e.g. "Book" on a patient's chart."""

    place: str
    label: str
    url_for: Callable[[Any], str]
    roles: frozenset[Role]
    order: int = 100


_nav: dict[str, NavItem] = {}
_panels: dict[tuple[str, str], Panel] = {}
_actions: dict[tuple[str, str], Action] = {}


def register(item: NavItem) -> None:
    _nav[item.url_name] = item


def register_panel(panel: Panel) -> None:
    _panels[(panel.place, panel.template)] = panel


def register_action(action: Action) -> None:
    _actions[(action.place, action.label)] = action


@functools.cache
def _permissions_behind(url_name: str, urlconf: str) -> tuple[str, ...] | None:
    """What the view a menu item leads to asks for (clinic.access.may_open), worked out once per
    URLconf: reversing and resolving every item on every page was most of the menu's cost."""
    return required_permissions(reverse(url_name, urlconf=urlconf), urlconf=urlconf)


def items_for(user: Any) -> list[NavItem]:
    held = roles_of(user)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    shown = []
    for item in _nav.values():
        if not item.roles & held:
            continue
        perms = _permissions_behind(item.url_name, urlconf)
        if perms is None or user.has_perms(perms):
            shown.append(item)
    return sorted(shown, key=lambda i: (i.order, i.label))


def panels_for(place: str, request: HttpRequest, obj: Any = None) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) pairs for the panels this user may see at ``place``."""
    held = roles_of(request.user)
    chosen = sorted((p for p in _panels.values() if p.place == place and p.roles & held), key=lambda p: p.order)
    return [(p.template, p.context(request, obj)) for p in chosen]


def actions_for(place: str, user: Any, obj: Any) -> list[tuple[str, str]]:
    """(label, url) pairs for the onward actions this user may take from ``obj``."""
    held = roles_of(user)
    chosen = sorted((a for a in _actions.values() if a.place == place and a.roles & held), key=lambda a: a.order)
    links = [(a.label, a.url_for(obj)) for a in chosen]
    return [(label, url) for label, url in links if may_open(user, url)]


def register_core() -> None:
    staff = frozenset({Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN})
    register(NavItem("Offices", "office_list", staff, order=80))
    register(NavItem("Audit log", "audit_log", frozenset({Role.CLINIC_ADMIN}), order=90))
    register(NavItem("Sign-in devices", "staff_devices", frozenset({Role.CLINIC_ADMIN}), order=92))
    register(NavItem("Admin", "admin:index", frozenset({Role.CLINIC_ADMIN}), order=95))
    register_panel(Panel(HOME, "clinic/panels/admin.html", frozenset({Role.CLINIC_ADMIN}), order=90))
