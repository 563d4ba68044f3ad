"""The authorization matrix: every named URL against every role.

Each app lists its URLs in ``tests/authz/<app>.py`` as ``CASES``. The matrix test
walks the URL resolver, so a new named URL missing here fails the suite.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ANON = "anonymous"
FRONT_DESK = "front_desk"
SONOGRAPHER = "sonographer"
PHYSICIAN = "physician"
ADMIN = "clinic_admin"
PRACTICE_MANAGER = "practice_manager"
PATIENT = "patient"

# A practice manager is staff (signs in with a second factor) but reads only the dashboard,
# so STAFF, the roles that share the staff pages, leaves them out.
ROLES = [ANON, FRONT_DESK, SONOGRAPHER, PHYSICIAN, ADMIN, PRACTICE_MANAGER, PATIENT]
STAFF = [FRONT_DESK, SONOGRAPHER, PHYSICIAN, ADMIN]

LOGIN = "login"  # a redirect to the login page


def no_kwargs(user: Any) -> dict:
    return {}


@dataclass
class Case:
    url_name: str
    expect: dict[str, int | str]
    # Builds the URL's kwargs (creating any object it needs) for the requesting user.
    kwargs: Callable[[Any], dict] = no_kwargs
    method: str = "get"
    data: Callable[[Any], dict] = field(default=no_kwargs)
    note: str = ""

    def __post_init__(self) -> None:
        missing = set(ROLES) - set(self.expect)
        assert not missing, f"{self.url_name}: no expectation for {sorted(missing)}"


def grid(default: int | str, **by_role: int | str) -> dict[str, int | str]:
    """Every role gets ``default`` unless named."""
    return {role: by_role.get(role, default) for role in ROLES}


def staff_only(*allowed: str, ok: int = 200) -> dict[str, int | str]:
    """Anonymous to login; the named staff roles get ``ok``; everyone else 403."""
    return {role: (LOGIN if role == ANON else ok if role in allowed else 403) for role in ROLES}
