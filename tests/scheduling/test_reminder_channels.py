"""The Twilio adapter (only its HTTP edge is faked) and the global rate limit's arithmetic."""

import io
import json
import urllib.error
import urllib.parse

import pytest

from scheduling.reminders import ratelimit
from scheduling.reminders.sms import InvalidNumber, PermanentSmsError, RecipientOptedOut, TransientSmsError
from scheduling.reminders.sms.twilio import TwilioSmsBackend


@pytest.fixture
def twilio(settings):
    settings.TWILIO_ACCOUNT_SID = "AC0123"
    settings.TWILIO_AUTH_TOKEN = "secret"
    settings.TWILIO_FROM_NUMBER = "+15035550000"
    return TwilioSmsBackend()


class Answer:
    def __init__(self, payload):
        self.payload = payload

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def read(self):
        return json.dumps(self.payload).encode()


def refusal(status, code=None):
    body = io.BytesIO(json.dumps({"code": code} if code else {}).encode())
    return urllib.error.HTTPError("https://api.twilio.com", status, "error", {}, body)


def test_twilio_posts_the_message_and_returns_its_sid(twilio, monkeypatch):
    seen = {}

    def urlopen(request, timeout):
        seen.update(url=request.full_url, data=urllib.parse.parse_qs(request.data.decode()), timeout=timeout)
        return Answer({"sid": "SM42"})

    monkeypatch.setattr("urllib.request.urlopen", urlopen)
    assert twilio.send(to="+15035550123", body="Hello", idempotency_key="k") == "SM42"
    assert seen["url"] == "https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages.json"
    assert seen["data"] == {"To": ["+15035550123"], "From": ["+15035550000"], "Body": ["Hello"]}


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (refusal(400, 21211), InvalidNumber),
        (refusal(400, 21610), RecipientOptedOut),
        (refusal(401), PermanentSmsError),
        (refusal(429), TransientSmsError),
        (refusal(503), TransientSmsError),
        (urllib.error.URLError("timed out"), TransientSmsError),
    ],
)
def test_twilio_errors_are_told_apart_for_retry_or_report(twilio, monkeypatch, error, kind):
    def urlopen(request, timeout):
        raise error

    monkeypatch.setattr("urllib.request.urlopen", urlopen)
    with pytest.raises(kind):
        twilio.send(to="+15035550123", body="Hello", idempotency_key="k")


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sent = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_the_in_process_limit_never_lets_more_than_the_rate_into_any_second(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(ratelimit.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(ratelimit.time, "sleep", clock.sleep)
    limiter = ratelimit.LocalRateLimiter(5)
    for _ in range(40):
        limiter.acquire()
        clock.sent.append(clock.now)
        clock.now += 0.01  # the send itself
    busiest = max(sum(1 for t in clock.sent if start <= t < start + 1) for start in clock.sent)
    assert busiest == 5


def test_a_rate_below_one_a_second_spaces_single_messages(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(ratelimit.time, "monotonic", clock.monotonic)
    monkeypatch.setattr(ratelimit.time, "sleep", clock.sleep)
    limiter = ratelimit.LocalRateLimiter(0.5)
    for _ in range(3):
        limiter.acquire()
        clock.sent.append(clock.now)
    assert [round(b - a, 1) for a, b in zip(clock.sent, clock.sent[1:], strict=False)] == [2.1, 2.1]


def test_no_rate_means_no_limit(settings):
    settings.REMINDER_RATE_PER_SECOND = 0
    assert type(ratelimit.get_rate_limiter()) is ratelimit.RateLimiter
