"""Forgotten passwords: a one-time emailed link, and Django's password rules."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from clinic.roles import Role
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def reset_link_for(email: str) -> str:
    Client().post(reverse("password_reset"), {"email": email})
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)


def test_a_reset_link_lets_the_user_choose_a_new_password_once() -> None:
    user = make_staff(Role.SONOGRAPHER)
    link = reset_link_for(user.email)
    client = Client()
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": "Varicose-Veins-2026", "new_password2": "Varicose-Veins-2026"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Varicose-Veins-2026")
    # The same link is now spent.
    assert "no longer valid" in Client().get(link, follow=True).content.decode()


def test_a_weak_new_password_is_refused_next_to_the_field() -> None:
    user = make_staff(Role.SONOGRAPHER)
    client = Client()
    set_url = client.get(reset_link_for(user.email), follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "too short" in text or "too common" in text


def test_an_unknown_address_gets_the_same_answer_and_no_email() -> None:
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []
