"""Navigation and home-page panels, contributed by each app for the roles it serves.

The core owns the layout; apps register what they add in their AppConfig.ready(),
so ``clinic`` never imports the apps built on it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from clinic.roles import Role, roles_of


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[Role]
    order: int = 100


@dataclass(frozen=True)
class HomePanel:
    """A card on a role's home page: a template and a function giving its context."""

    template: str
    roles: frozenset[Role]
    context: Callable[[HttpRequest], dict[str, Any]] = field(default=lambda request: {})
    order: int = 100


_nav: dict[str, NavItem] = {}
_panels: dict[str, HomePanel] = {}


def register(item: NavItem) -> None:
    _nav[item.url_name] = item


def register_panel(panel: HomePanel) -> None:
    _panels[panel.template] = panel


def items_for(user: Any) -> list[NavItem]:
    held = roles_of(user)
    return sorted((i for i in _nav.values() if i.roles & held), key=lambda i: (i.order, i.label))


def panels_for(user: Any) -> list[HomePanel]:
    held = roles_of(user)
    return sorted((p for p in _panels.values() if p.roles & held), key=lambda p: p.order)


def register_core() -> None:
    staff = frozenset({Role.FRONT_DESK, Role.SONOGRAPHER, Role.PHYSICIAN, Role.CLINIC_ADMIN})
    register(NavItem("Offices", "office_list", staff, order=80))
    register(NavItem("Audit log", "audit_log", frozenset({Role.CLINIC_ADMIN}), order=90))
    register(NavItem("Admin", "admin:index", frozenset({Role.CLINIC_ADMIN}), order=95))
    register_panel(HomePanel("clinic/panels/admin.html", frozenset({Role.CLINIC_ADMIN}), order=90))
