"""Rate limits kept in the shared cache (Redis in production), for every guessable door.

One call both counts the attempt and says whether it is over the limit:
django-ratelimit adds the window's key and increments it atomically (Redis
INCR), so twenty simultaneous requests against a limit of five let exactly five
through; there is no read-then-write gap to race in.

When the cache cannot be reached the attempt is let through and logged: a
patient's screening or a clinician's sign-in must not fail because Redis is
restarting. Password guessing stays bounded meanwhile by django-axes, which
keeps its counts in the database.
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest
from django_ratelimit.core import get_usage

from clinic.middleware import client_address

logger = logging.getLogger(__name__)

Rate = tuple[int, int]  # (attempts, seconds)


def over_limit(request: HttpRequest, *, group: str, rate: Rate, key: str | None = None) -> bool:
    """Count one attempt for ``key`` (default: the client's address); True if past ``rate``."""
    value = key if key is not None else (client_address(request) or "unknown")
    try:
        usage = get_usage(request, group=group, key=_constant(value), rate=rate, increment=True)
    except Exception:  # the cache is down or unreachable: let the attempt through, and say so
        logger.warning("rate limit %s not applied: the cache is unreachable", group, exc_info=True)
        return False
    if usage is None:
        return False
    return bool(usage["should_limit"])


def already_over(request: HttpRequest, *, group: str, rate: Rate, key: str) -> bool:
    """Whether ``key`` is past ``rate`` already, without counting this look."""
    try:
        usage = get_usage(request, group=group, key=_constant(key), rate=rate, increment=False)
    except Exception:
        logger.warning("rate limit %s not checked: the cache is unreachable", group, exc_info=True)
        return False
    return bool(usage and usage["count"] > usage["limit"])


def _constant(value: str) -> Callable[[str, HttpRequest], str]:
    return lambda group, request: value
