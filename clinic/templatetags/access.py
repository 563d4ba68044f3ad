"""Buttons a user may use: the same question the view asks (clinic.access.allows)."""

from typing import Any

from django import template
from django.db import models

from clinic import access

register = template.Library()


@register.simple_tag(takes_context=True, name="allows")
def allows_tag(context: template.Context, perm: str, obj: models.Model | None = None) -> bool:
    """``{% allows "scheduling.close_appointment" appointment as may_close %}``."""
    request: Any = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return user is not None and access.allows(user, perm, obj)
