"""In a real browser on a phone-sized screen, each role logs in and sees its home page."""

import pytest

from clinic.roles import Role
from tests.conftest import browser_login, make_staff
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("role", "badge"),
    [
        (Role.FRONT_DESK, "Front desk"),
        (Role.SONOGRAPHER, "Sonographer"),
        (Role.PHYSICIAN, "Physician"),
        (Role.CLINIC_ADMIN, "Clinic admin"),
    ],
)
def test_each_role_logs_in_and_sees_its_home_page(page, role: Role, badge: str) -> None:
    user = make_staff(role)
    browser_login(page, user.username, PASSWORD)
    page.wait_for_url("**/")
    assert page.get_by_test_id("role-badge").inner_text() == badge
    # The menu collapses behind the toggler on a phone and opens with it.
    page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("link", name="Offices").wait_for()
    assert page.get_by_role("link", name="Offices").is_visible()


def test_a_wrong_password_is_explained_and_the_username_kept(page) -> None:
    user = make_staff(Role.FRONT_DESK)
    browser_login(page, user.username, "not-the-password")
    assert page.get_by_role("alert").inner_text().startswith("That username and password do not match")
    assert page.get_by_label("Username").input_value() == user.username
