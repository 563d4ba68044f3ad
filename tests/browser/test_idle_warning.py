"""In a real browser: a minute (here: seconds) before the idle log-off the page warns
and offers to stay signed in; left alone, it ends on the sign-in page."""

import pytest

from clinic.roles import Role
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def short_sessions(settings):
    # Fifteen minutes and one are the real figures; the script reads them from the page.
    settings.SESSION_COOKIE_AGE = 12
    settings.SESSION_WARNING_SECONDS = 9


def test_the_warning_appears_and_stay_signed_in_keeps_the_session(page, short_sessions) -> None:
    user = make_staff(Role.FRONT_DESK)
    browser_login(page, user.username, PASSWORD)
    page.get_by_test_id("role-badge").wait_for()
    warning = page.get_by_role("alertdialog")
    warning.wait_for(state="visible", timeout=15_000)
    assert "You will be signed out in" in warning.inner_text()
    with page.expect_response("**/accounts/session/keepalive/") as keepalive:
        page.get_by_role("button", name="Stay signed in").click()
    assert keepalive.value.status == 204
    assert warning.is_hidden()
    # Past the first deadline the session still stands: the warning simply comes back later.
    warning.wait_for(state="visible", timeout=15_000)
    page.reload()
    assert page.get_by_test_id("role-badge").is_visible()


def test_left_alone_the_page_ends_on_the_sign_in_page(page, short_sessions) -> None:
    user = make_staff(Role.FRONT_DESK)
    browser_login(page, user.username, PASSWORD)
    page.get_by_test_id("role-badge").wait_for()
    page.wait_for_url("**/accounts/login/**", timeout=25_000)
    assert page.get_by_role("button", name="Log in").is_visible()
