from typing import Any

from django.conf import settings
from django.http import HttpRequest

from clinic import navigation
from clinic.roles import is_staff_member, primary_role
from clinic.signin.middleware import idle_seconds_left


def site_navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "primary_role": None, "is_staff_member": False}
    return {
        "session_idle_seconds": idle_seconds_left(request),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "nav_items": navigation.items_for(user),
        "primary_role": primary_role(user),
        "is_staff_member": is_staff_member(user),
    }
