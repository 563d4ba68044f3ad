"""Pages load only the site's own assets, and say so in their headers."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_same_origin_content_security_policy(front_desk) -> None:
    response = client_for(front_desk).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy  # no outside host is allowed anywhere
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url_name", ["login", "password_reset"])
def test_public_pages_load_nothing_from_another_site(url_name: str) -> None:
    html = Client().get(reverse(url_name)).content.decode()
    external = re.findall(r"""(?:src|href)=["'](?:https?:)?//""", html)
    assert external == []
    assert "/static/bootstrap/css/bootstrap.min.css" in html
