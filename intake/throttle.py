"""Per-address limit on the public screening form, kept in the shared cache.

The cache is Redis when REDIS_URL is set, so every web node counts together;
on the embedded default it is per process, which is enough for one machine.
Counting is clinic.throttle's: increment first, atomically, then decide, so
simultaneous submissions cannot all slip under the limit; and a cache outage
lets the screening through (logged) rather than losing a patient's request.
"""

from django.conf import settings
from django.http import HttpRequest

from clinic.throttle import over_limit


def take_screening_slot(request: HttpRequest) -> bool:
    """Count one screening from this address; False if it is over the limit."""
    # (count, seconds), parsed from "COUNT/SECONDS" at start-up (clinic.settings, check veinflow.E005).
    return not over_limit(request, group="intake.screening", rate=tuple(settings.SCREENING_RATE_LIMIT))
