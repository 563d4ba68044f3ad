"""Per-address limit on the public screening form, kept in the shared cache.

The cache is Redis when REDIS_URL is set, so every web node counts together;
on the embedded default it is per process, which is enough for one machine.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from clinic.middleware import client_address


def _limit() -> tuple[int, int]:
    # (count, seconds), parsed from "COUNT/SECONDS" at start-up (clinic.settings, check veinflow.E005).
    return settings.SCREENING_RATE_LIMIT


def _key(request: HttpRequest) -> str:
    return f"intake:screening-rate:{client_address(request) or 'unknown'}"


def screening_allowed(request: HttpRequest) -> bool:
    """Whether this address may send another screening now (does not count one)."""
    count, _window = _limit()
    return (cache.get(_key(request)) or 0) < count


def count_screening(request: HttpRequest) -> None:
    _count, window = _limit()
    key = _key(request)
    # add() starts the window only once; incr() is atomic on Redis.
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
