from typing import Any

from django.http import HttpRequest

from clinic import navigation
from clinic.roles import is_staff_member, primary_role


def site_navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "primary_role": None, "is_staff_member": False}
    return {
        "nav_items": navigation.items_for(user),
        "primary_role": primary_role(user),
        "is_staff_member": is_staff_member(user),
    }
