"""Every named URL, every role, the expected answer. See tests/authz/."""

import importlib
import pkgutil

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.authz
from clinic.access import PUBLIC
from clinic.roles import Role, collect_grants
from clinic.signin.policy import OPEN_NAMESPACES, OPEN_VIEWS
from tests.authz import ANON, LOGIN, PATIENT, ROLES, STAFF, Case
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory, UserFactory
from tests.helpers import totp_device_for

# Django admin generates a URL per registered model and action; those are covered
# by tests/clinic/test_admin_access.py, which walks the admin's own registry.
GENERATED_PREFIXES = ("admin:",)
GENERATED_ALLOWED = {"admin:index"}

# Views that ask no permission of ours: Django's own sign-in, password and language
# views, the admin (its own has_permission), and the home page, which every
# signed-in user opens and which sends each role on to its own start.
NOT_OURS = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "admin:index",
    "home",
    # The sign-in flow itself: any signed-in person's own second factor and session.
    "second_factor_verify",
    "second_factor_enrol",
    "second_factor_enrol_totp",
    "second_factor_recovery_codes",
    "second_factor_manage",
    "session_keepalive",
}


def all_cases() -> list[Case]:
    cases = []
    for module_info in pkgutil.iter_modules(tests.authz.__path__):
        module = importlib.import_module(f"tests.authz.{module_info.name}")
        cases.extend(getattr(module, "CASES", []))
    return cases


def named_views(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, object]:
    """Every named URL and the view it runs."""
    resolver = resolver or get_resolver()
    views: dict[str, object] = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            views.update(named_views(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            views[namespace + pattern.name] = pattern.callback
    return {n: v for n, v in views.items() if not n.startswith(GENERATED_PREFIXES) or n in GENERATED_ALLOWED}


def named_urls() -> set[str]:
    return set(named_views())


CASES = all_cases()


def test_every_named_url_is_in_the_matrix() -> None:
    listed = {case.url_name for case in CASES}
    missing = named_urls() - listed
    assert not missing, f"named URLs missing from tests/authz: {sorted(missing)}"
    stale = listed - named_urls()
    assert not stale, f"matrix rows for URLs that no longer exist: {sorted(stale)}"


def user_for(role: str):
    if role == ANON:
        return None
    if role == PATIENT:
        user = UserFactory(role=Role.PATIENT)
        PatientFactory(user=user)
        return user
    return make_staff(Role(role))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.url_name)
def test_role_gets_expected_answer(case: Case, role: str) -> None:
    """Staff sessions here have passed the second factor."""
    user = user_for(role)
    client = client_for(user)
    url = reverse(case.url_name, kwargs=case.kwargs(user))
    response = getattr(client, case.method)(url, data=case.data(user))
    expected = case.expect[role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{case.url_name} as {role}: {response.status_code}"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == expected, f"{case.url_name} as {role}: {response.status_code}"


def roles_holding(perms: tuple[str, ...]) -> set[str]:
    """The roles whose grants (every app's roles.py) include all of ``perms``."""
    return {role.value for role, held in collect_grants().items() if set(perms) <= held}


@pytest.mark.parametrize(
    "case",
    # otp_webauthn: the passkey library's own endpoints, behind sign-in and its own checks.
    [c for c in CASES if c.url_name not in NOT_OURS and not c.url_name.startswith("otp_webauthn:")],
    ids=lambda c: c.url_name,
)
def test_each_view_asks_for_a_permission_held_by_exactly_its_roles(case: Case) -> None:
    """The permission a view asks for, granted through roles.py, lets in exactly the roles its row expects."""
    view = named_views()[case.url_name]
    perms = getattr(view, "required_permissions", None)
    assert perms is not None, (
        f"{case.url_name} asks for no permission: decorate it with clinic.access.permission_required "
        "(or clinic.access.public, for a view its token or signature protects)"
    )
    if perms == PUBLIC:
        assert len(set(case.expect.values())) == 1, f"{case.url_name} is public, yet answers roles differently"
        return
    let_in = {role for role, answer in case.expect.items() if role != ANON and answer not in (403, LOGIN)}
    assert roles_holding(perms) == let_in, f"{case.url_name} asks for {perms}"
    assert case.expect[ANON] == LOGIN, f"{case.url_name}: anonymous visitors should be sent to sign in"


def _open_without_second_factor(url_name: str) -> bool:
    namespace, _sep, name = url_name.rpartition(":")
    return name in OPEN_VIEWS if not namespace else namespace in OPEN_NAMESPACES


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.url_name)
def test_staff_session_without_second_factor_reaches_only_sign_in_pages(case: Case, role: str) -> None:
    """Password right, code not yet typed: every page but the sign-in ones sends the
    person to the two-step page, whatever their role would otherwise allow."""
    user = user_for(role)
    totp_device_for(user)
    client = client_for(user, verified=False)
    url = reverse(case.url_name, kwargs=case.kwargs(user))
    response = getattr(client, case.method)(url, data=case.data(user))
    if _open_without_second_factor(case.url_name):
        assert response.status_code < 500, f"{case.url_name} as unverified {role}: {response.status_code}"
        assert not response.get("Location", "").startswith(reverse("second_factor_enrol"))
    else:
        assert response.status_code == 302, f"{case.url_name} as unverified {role}: {response.status_code}"
        assert response["Location"].startswith(reverse("second_factor_verify")), response["Location"]
