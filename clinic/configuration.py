"""Settings read from the environment once, at start-up, into typed values.

``clinic/settings.py`` reads every variable through an ``Environment``. A malformed
value is reported with the variable's name and the form it expects, and all of
them together when the settings module has finished, so ``manage.py check``,
runserver, gunicorn and the Celery worker refuse to start instead of answering
500 on the first request that needs the value.

Nothing here imports Django's settings or any app: the settings module imports it.
"""

import datetime
import math
import re
from collections.abc import Callable, Mapping
from email.utils import parseaddr
from typing import NamedTuple, TypeVar
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

T = TypeVar("T")

BOOLEANS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
BOOLEAN_FORM = "true or false (also yes/no, on/off, 1/0)"


# ---------------------------------------------------------------------------
# Typed values that settings hold
# ---------------------------------------------------------------------------
class QuietHours(NamedTuple):
    """Office-local hours without text messages; ``starts`` after ``ends`` runs across midnight."""

    starts: datetime.time
    ends: datetime.time

    def covers(self, moment: datetime.time) -> bool:
        if self.starts > self.ends:
            return moment >= self.starts or moment < self.ends
        return self.starts <= moment < self.ends


QUIET_HOURS_FORM = 'HH:MM-HH:MM in the office\'s local time, e.g. "21:00-08:00", or empty to send at any hour'
_QUIET_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")


def parse_quiet_hours(text: str) -> QuietHours | None:
    text = text.strip()
    if not text:
        return None
    match = _QUIET_HOURS.fullmatch(text)
    if match is None:
        raise ValueError("not HH:MM-HH:MM")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    window = QuietHours(datetime.time(h1, m1), datetime.time(h2, m2))  # ValueError past 23:59
    if window.starts == window.ends:
        raise ValueError("the window starts and ends at the same minute")
    return window


def quiet_hours(value: object) -> QuietHours | None:
    """The REMINDER_QUIET_HOURS setting as a window: the parsed pair, or its text form (tests, bench)."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_quiet_hours(value)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(t, datetime.time) for t in value):
        return QuietHours(*value)
    raise ValueError("neither text nor a pair of times")


class RateLimit(NamedTuple):
    count: int
    seconds: int


RATE_LIMIT_FORM = 'COUNT/SECONDS with whole numbers of at least 1, e.g. "5/3600" for five an hour'


def parse_rate_limit(text: str) -> RateLimit:
    count, _, seconds = text.strip().partition("/")
    return rate_limit((int(count), int(seconds)))


def rate_limit(value: object) -> RateLimit:
    """A (count, seconds) pair, both at least 1."""
    if not (isinstance(value, tuple) and len(value) == 2 and all(type(n) is int for n in value)):
        raise ValueError("not a pair of whole numbers")
    limit = RateLimit(*value)
    if limit.count < 1 or limit.seconds < 1:
        raise ValueError("count and seconds must be at least 1")
    return limit


# ---------------------------------------------------------------------------
# Parsers from text; each raises ValueError, which Environment turns into its message
# ---------------------------------------------------------------------------
def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word not in BOOLEANS:
        raise ValueError("not a yes or no")
    return BOOLEANS[word]


def parse_list(text: str) -> list[str]:
    items = [item.strip() for item in text.split(",")]
    if any(not item for item in items):
        raise ValueError("an empty item")
    return items


def parse_web_url(text: str) -> str:
    """An http(s) address with a host and no query or fragment, without its trailing slash."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError("not an http(s) address")
    _ = parts.port  # ValueError on a port that is not a number
    return text.strip().rstrip("/")


DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}


def parse_database_url(text: str) -> dict:
    parts = urlsplit(text.strip())
    if parts.scheme not in DATABASE_SCHEMES:
        raise ValueError("unsupported scheme")
    config = environ.Env.db_url_config(text.strip())  # ValueError on a bad port
    if not config.get("NAME"):
        raise ValueError("no database name")
    return config


def parse_origins(text: str) -> list[str]:
    """Comma-separated scheme://host[:port] origins, as CSRF_TRUSTED_ORIGINS takes them."""
    origins = parse_list(text)
    for origin in origins:
        if parse_web_url(origin) != origin or urlsplit(origin).path:
            raise ValueError("not an origin")
    return origins


def parse_redis_url(text: str) -> str:
    parts = urlsplit(text.strip())
    if parts.scheme == "unix":
        if not parts.path:
            raise ValueError("no socket path")
    elif parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError("not a redis address")
    _ = parts.port
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise ValueError("the database is not a number")
    return text.strip()


def parse_email_url(text: str) -> dict:
    try:
        return environ.Env.email_url_config(text.strip())
    except ImproperlyConfigured as error:
        raise ValueError(str(error)) from error


def parse_address(text: str) -> str:
    """A sender such as ``VeinFlow <no-reply@clinic.example>`` or a bare address."""
    _name, address = parseaddr(text)
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValueError("not an e-mail address") from error
    return text.strip()


def matching(pattern: str) -> Callable[[str], str]:
    """A parser for text that must match ``pattern`` whole."""
    compiled = re.compile(pattern)

    def parse(text: str) -> str:
        if not compiled.fullmatch(text.strip()):
            raise ValueError(f"does not match {pattern}")
        return text.strip()

    return parse


def optional(parse: Callable[[str], T], empty: T) -> Callable[[str], T]:
    """``parse``, except that an empty value means ``empty`` (unset, switched off, the default)."""
    return lambda text: parse(text) if text.strip() else empty


# Whether it imports is a system check (clinic.checks, scheduling.checks): no app is loaded here yet.
parse_dotted_path = matching(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")
parse_queue_name = matching(r"[\w.:-]+")
parse_phone_sender = matching(r"\+[1-9]\d{1,14}|\d{5,6}")  # E.164, or a short code
parse_twilio_account_sid = matching(r"AC[0-9a-fA-F]{32}")


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def parse_log_level(text: str) -> str:
    level = text.strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError("not a level")
    return level


# ---------------------------------------------------------------------------
# The reader
# ---------------------------------------------------------------------------
class Environment:
    """Reads variables and collects every problem; ``raise_problems()`` stops start-up with all of them.

    A variable that is missing takes its default; one that is present must parse, empty
    included, except where empty has a meaning of its own (quiet hours off, no Redis).
    Values of variables marked ``secret`` (passwords inside URLs, tokens) are never shown.
    """

    def __init__(self, variables: Mapping[str, str]) -> None:
        self.variables = variables
        self.problems: list[str] = []

    def is_set(self, name: str) -> bool:
        return bool(self.variables.get(name, "").strip())

    def get(self, name: str, parse: Callable[[str], T], default: T, expected: str, *, secret: bool = False) -> T:
        text = self.variables.get(name)
        if text is None:
            return default
        try:
            return parse(text)
        except (ValueError, TypeError, KeyError):
            self.problem(name, expected, shown=None if secret else text)
            return default

    def require(self, name: str, why: str) -> None:
        """A variable the profile cannot do without (``why`` ends the message)."""
        if not self.is_set(name):
            self.problems.append(f"{name} must be set {why}.")

    def problem(self, name: str, expected: str, *, shown: str | None = None) -> None:
        value = f"={shown!r}" if shown is not None else ""
        self.problems.append(f"{name}{value} is not valid: expected {expected}.")

    def raise_problems(self) -> None:
        if self.problems:
            listed = "\n".join(f"  - {problem}" for problem in self.problems)
            raise ImproperlyConfigured(f"VeinFlow cannot start; fix these environment variables:\n{listed}")

    # -- the kinds of value ------------------------------------------------------

    def text(self, name: str, default: str = "", *, secret: bool = False) -> str:
        return self.get(name, str.strip, default, "text", secret=secret)

    def boolean(self, name: str, default: bool) -> bool:
        return self.get(name, parse_bool, default, BOOLEAN_FORM)

    def integer(self, name: str, default: int, *, minimum: int, unit: str = "") -> int:
        def parse(text: str) -> int:
            number = int(text.strip())
            if number < minimum:
                raise ValueError("too small")
            return number

        return self.get(name, parse, default, f"a whole number of at least {minimum}{unit}")

    def number(self, name: str, default: float, *, minimum: float) -> float:
        def parse(text: str) -> float:
            number = float(text.strip())
            if not math.isfinite(number) or number < minimum:
                raise ValueError("out of range")
            return number

        return self.get(name, parse, default, f"a number of at least {minimum:g}")

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        def parse(text: str) -> str:
            if text.strip() not in choices:
                raise ValueError("not a choice")
            return text.strip()

        return self.get(name, parse, default, "one of " + ", ".join(choices))

    def names(self, name: str, default: list[str]) -> list[str]:
        return self.get(name, parse_list, default, "a comma-separated list without empty items")
