"""In a real browser with a virtual authenticator (Chromium's WebAuthn test API): a staff
member makes a passkey at the first sign-in, then signs in with it. The library's script
runs under the site's CSP, served by the site itself."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from clinic.roles import Role
from tests.conftest import make_staff
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def virtual_authenticator(page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def password_step(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_staff_member_makes_a_passkey_and_signs_in_with_it(page) -> None:
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    virtual_authenticator(page)
    user = make_staff(Role.SONOGRAPHER)
    password_step(page, user.username)
    page.wait_for_url("**/accounts/two-step/set-up/**")
    page.get_by_role("button", name="Make a passkey").click()
    page.get_by_test_id("recovery-codes").wait_for()
    assert WebAuthnCredential.objects.filter(user=user, confirmed=True).count() == 1
    page.get_by_role("link", name="I have saved them: continue").click()
    page.get_by_test_id("role-badge").wait_for()

    page.context.clear_cookies()
    password_step(page, user.username)
    page.wait_for_url("**/accounts/two-step/**")
    page.get_by_role("button", name="Use my passkey").click()
    page.get_by_test_id("role-badge").wait_for()
    assert page.get_by_test_id("role-badge").inner_text() == "Sonographer"
    assert csp_errors == []
