"""Reads that several parts of one page make alike, made once per request.

The patient chart's view and a panel another app adds to it both show the patient's
symptom scores; each asked the database for them (one query of the chart's 26 in
`python -m bench.profile_chart`, P7). The value lives on the request object and dies
with it, so nothing is shared between requests or users.
"""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.http import HttpRequest

T = TypeVar("T")
_ATTRIBUTE = "_veinflow_read_once"


def read_once(request: HttpRequest, key: Hashable, read: Callable[[], T]) -> T:
    """``read()`` the first time ``key`` is asked for during ``request``; the same value after."""
    cache: dict[Hashable, Any] = request.__dict__.setdefault(_ATTRIBUTE, {})
    if key not in cache:
        cache[key] = read()
    return cache[key]
