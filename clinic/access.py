"""The one way a view decides who may do what: roles grant permissions, views ask for them.

Three questions, asked in the same order everywhere:

1. May this user do this kind of thing at all? A Django permission, granted to a
   role in the app's ``roles.py``. Views ask with ``@permission_required(...)``;
   templates ask with ``perms.app.codename``.
2. May this user see this record? The model's QuerySet answers with
   ``visible_to(user)`` (a patient sees only their own records, a draft note only
   its physicians). A record outside it answers 404, exactly like one that does
   not exist, so ids cannot be probed.
3. May this user do this to this record? The model answers with
   ``permits(user, perm)`` (the provider of record closes a visit; only the note's
   own physician edits a draft). A visible record the rule refuses answers 403.

``get_for`` asks all three while fetching, so no view can fetch a record and
forget a question; ``allows`` asks the same for a template's buttons
(``{% allows "app.codename" obj as may %}``).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve

View = Callable[..., HttpResponse]
M = TypeVar("M", bound=models.Model)

# Views anyone may open (the public screening form, a reminder link whose signed
# token is the credential). Marked so the authorization matrix can tell a view that
# chose to be public from one that forgot to ask.
PUBLIC: tuple[str, ...] = ()


def permission_required(*perms: str) -> Callable[[View], View]:
    """Anonymous users go to the login page; signed-in users without every permission get 403.

    Django's own decorator sends a signed-in user without the permission round the
    login page again; a 403 says plainly that this account may not.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permissions = perms  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public(view: View) -> View:
    """No sign-in and no permission: the view proves the caller some other way (a token, a signature)."""
    view.required_permissions = PUBLIC  # type: ignore[attr-defined]
    return view


def visible(queryset: "models.QuerySet[M]", user: Any) -> "models.QuerySet[M]":
    """``queryset`` narrowed to what ``user`` may see (the model's ``visible_to`` rule, if it has one)."""
    narrow = getattr(queryset, "visible_to", None)
    return narrow(user) if narrow is not None else queryset


def allows(user: Any, perm: str, obj: models.Model | None = None) -> bool:
    """Whether ``user`` holds ``perm`` and, for a record, the record's own rule lets them use it."""
    if not user.has_perm(perm):
        return False
    rule = getattr(obj, "permits", None)
    return rule is None or rule(user, perm)


def may_open(user: Any, url: str) -> bool:
    """Whether ``user`` holds every permission the view behind ``url`` asks for.

    Menus and onward buttons ask this, so a link never leads to a 403. A view that
    declares nothing (Django's own, the admin), or an address outside this site, is
    left to whoever placed the link.
    """
    perms = required_permissions(url)
    return perms is None or user.has_perms(perms)


def required_permissions(url: str, urlconf: str | None = None) -> tuple[str, ...] | None:
    """The permissions the view behind ``url`` declares; None when it declares none or is not ours."""
    try:
        view = resolve(url.split("?", 1)[0].split("#", 1)[0], urlconf=urlconf).func
    except Resolver404:
        return None
    return getattr(view, "required_permissions", None)


def get_for(request: HttpRequest, queryset: "type[M] | models.QuerySet[M]", *, perm: str, **lookup: Any) -> M:
    """The record ``lookup`` names, if the signed-in user may use it for ``perm``.

    Without ``perm`` at all: 403 (the view's decorator normally says so first).
    A record the user may not see, or that does not exist: 404.
    A record the user sees but whose own rule refuses ``perm``: 403.
    """
    if not request.user.has_perm(perm):
        raise PermissionDenied
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    try:
        found = get_object_or_404(visible(queryset, request.user), **lookup)
    except (ValueError, TypeError) as unreadable:
        raise Http404 from unreadable
    if not allows(request.user, perm, found):
        raise PermissionDenied
    return found
