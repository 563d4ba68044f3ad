"""Reads a signed-in user's roles and permissions in one query before ModelBackend answers."""

from typing import Any

from django.db import models

from clinic.roles import load_grants


class GrantsBackend:
    """Listed just before ModelBackend. Signs nobody in and answers nothing itself: asked about a
    permission, it reads the user's groups and permissions in one query (``load_grants``) into
    the sets ModelBackend keeps per user object, and ModelBackend, asked next, answers from them
    instead of querying twice. Without ``get_user``, so sessions go on naming ModelBackend."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def _load(self, user_obj: Any, obj: models.Model | None) -> None:
        if obj is None and user_obj.is_active and not user_obj.is_anonymous:
            load_grants(user_obj)

    def has_perm(self, user_obj: Any, perm: str, obj: models.Model | None = None) -> bool:
        self._load(user_obj, obj)
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        self._load(user_obj, None)
        return False

    def get_all_permissions(self, user_obj: Any, obj: models.Model | None = None) -> set[str]:
        self._load(user_obj, obj)
        return set()

    def get_user_permissions(self, user_obj: Any, obj: models.Model | None = None) -> set[str]:
        self._load(user_obj, obj)
        return set()

    def get_group_permissions(self, user_obj: Any, obj: models.Model | None = None) -> set[str]:
        self._load(user_obj, obj)
        return set()
