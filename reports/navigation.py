"""The dashboard in the menu and on the home page of those who may read it."""

from clinic import navigation
from clinic.navigation import NavItem, Panel
from clinic.roles import Role

READERS = frozenset({Role.CLINIC_ADMIN, Role.PRACTICE_MANAGER})


def register() -> None:
    navigation.register(NavItem("Dashboard", "reports:dashboard", READERS, order=5))
    navigation.register_panel(Panel(navigation.HOME, "reports/panels/dashboard_link.html", READERS, order=5))
