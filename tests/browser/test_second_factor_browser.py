"""In a real browser: a new staff member sets up an authenticator app at the first
sign-in, then signs in again with a code from it."""

import datetime
from base64 import b32decode

import pytest
import time_machine
from django_otp.oath import TOTP

from clinic.roles import Role
from tests.conftest import browser_log_out, make_staff
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The clock is set (and runs on from here) so the codes the test computes are the server's.
MORNING = datetime.datetime(2026, 12, 1, 16, 0, 5, tzinfo=datetime.UTC)


def code_for(secret: str, now: float) -> str:
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = now
    return f"{totp.token():06d}"


def password_step(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_new_staff_member_sets_up_an_app_and_signs_in_with_its_code(page) -> None:
    user = make_staff(Role.PHYSICIAN)
    with time_machine.travel(MORNING, tick=True) as clock:
        password_step(page, user.username)
        page.wait_for_url("**/accounts/two-step/set-up/**")
        page.get_by_role("link", name="Authenticator app").click()
        secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")

        page.get_by_label("Code").fill("000000" if code_for(secret, MORNING.timestamp()) != "000000" else "111111")
        page.get_by_role("button", name="Confirm and continue").click()
        assert "That code is not right" in page.content()
        clock.shift(2)  # django-otp pauses a device for a second after a wrong code

        page.get_by_label("Code").fill(code_for(secret, datetime.datetime.now(tz=datetime.UTC).timestamp()))
        page.get_by_role("button", name="Confirm and continue").click()
        page.get_by_test_id("recovery-codes").wait_for()
        codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
        assert len(codes) == 10
        page.get_by_role("link", name="I have saved them: continue").click()
        page.get_by_test_id("role-badge").wait_for()
        assert page.get_by_test_id("role-badge").inner_text() == "Physician"

        browser_log_out(page, user.get_full_name() or user.username)

        clock.shift(30)  # the next code: each is good for one sign-in
        password_step(page, user.username)
        page.wait_for_url("**/accounts/two-step/**")
        page.get_by_label("Code").fill(code_for(secret, datetime.datetime.now(tz=datetime.UTC).timestamp()))
        page.get_by_role("button", name="Confirm").click()
        page.get_by_test_id("role-badge").wait_for()
        assert page.get_by_test_id("role-badge").inner_text() == "Physician"
