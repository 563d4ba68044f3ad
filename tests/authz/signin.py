"""Sign-in pages: the second step, enrolment, recovery codes, device resets, passkeys."""

from clinic.roles import Role
from tests.authz import ADMIN, LOGIN, Case, grid, staff_only
from tests.conftest import make_staff

CASES = [
    Case(
        "second_factor_verify",
        grid(302, anonymous=LOGIN),
        note="verified staff go on to the page asked for; a patient without a device is offered enrolment",
    ),
    Case("second_factor_enrol", grid(200, anonymous=LOGIN)),
    Case("second_factor_enrol_totp", grid(200, anonymous=LOGIN)),
    Case("second_factor_recovery_codes", grid(200, anonymous=LOGIN)),
    Case("second_factor_manage", grid(200, anonymous=LOGIN)),
    Case("session_keepalive", grid(204, anonymous=LOGIN), method="post"),
    Case("staff_devices", staff_only(ADMIN)),
    Case(
        "reset_user_devices",
        staff_only(ADMIN, ok=302),
        method="post",
        kwargs=lambda user: {"pk": make_staff(Role.PHYSICIAN).pk},
    ),
    # django-otp-webauthn's JSON endpoints: they answer in JSON for a signed-in user and
    # refuse anyone else; the ceremonies themselves are in tests/clinic/test_passkeys.py.
    Case("otp_webauthn:credential-registration-begin", grid(200, anonymous=403), method="post"),
    Case("otp_webauthn:credential-registration-complete", grid(400, anonymous=403), method="post"),
    Case("otp_webauthn:credential-authentication-begin", grid(200, anonymous=403), method="post"),
    Case("otp_webauthn:credential-authentication-complete", grid(400, anonymous=403), method="post"),
    Case("otp_webauthn:js-i18n-catalog", grid(200)),
]
