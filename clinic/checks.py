"""System checks for settings that can only be judged once the apps are loaded.

clinic/settings.py parses every environment variable at import; what is left for
here is whether a configured class imports, and the form of a setting that code
(a test, the bench, a local settings module) set instead of the environment.
``manage.py check`` and runserver run these; gunicorn (clinic.wsgi), ASGI and the
Celery worker and beat (clinic.celery) call ``refuse_to_start`` so they stop too.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from clinic.configuration import QUIET_HOURS_FORM, RATE_LIMIT_FORM, quiet_hours, rate_limit

TAG = "veinflow"


@checks.register(TAG)
def check_email_backend(**kwargs: Any) -> list[checks.CheckMessage]:
    try:
        import_string(settings.EMAIL_BACKEND)
    except ImportError as error:
        return [
            checks.Error(
                f"EMAIL_BACKEND {settings.EMAIL_BACKEND!r} cannot be imported: {error}",
                hint="Set EMAIL_URL (e.g. smtp+tls://USER:PASSWORD@HOST:587), or EMAIL_BACKEND to a dotted path.",
                id="veinflow.E003",
            )
        ]
    return []


def _form_error(name: str, parse: Callable[[object], object], expected: str, check_id: str) -> list[checks.Error]:
    value = getattr(settings, name)
    try:
        parse(value)
    except ValueError:
        return [checks.Error(f"{name} is {value!r}.", hint=f"Expected {expected}.", id=check_id)]
    return []


@checks.register(TAG)
def check_quiet_hours(**kwargs: Any) -> list[checks.CheckMessage]:
    return _form_error("REMINDER_QUIET_HOURS", quiet_hours, QUIET_HOURS_FORM, "veinflow.E004")


@checks.register(TAG)
def check_screening_rate_limit(**kwargs: Any) -> list[checks.CheckMessage]:
    expected = f"a (count, seconds) pair; in the environment {RATE_LIMIT_FORM}"
    return _form_error("SCREENING_RATE_LIMIT", rate_limit, expected, "veinflow.E005")


def refuse_to_start() -> None:
    """Raise ImproperlyConfigured with every error the VeinFlow checks find (for servers and workers)."""
    errors = [message for message in checks.run_checks(tags=[TAG]) if message.is_serious()]
    if errors:
        listed = "\n".join(f"  - {message}" for message in errors)
        raise ImproperlyConfigured(f"VeinFlow cannot start:\n{listed}")
