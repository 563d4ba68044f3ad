"""The reminder rate limit as production runs it: the sliding-log Lua script on the real Redis.

Two limiters stand for two workers (each its own connection) sharing one log. Each test
uses its own key, so parallel runs and the real-broker tests do not share a log. The log
forgets a message 1.1 s after it went, by Redis's own clock; ``in_one_window`` reruns a
scenario on a fresh key in the unlikely case the machine stalled it for that long, so a
slow machine cannot turn an expected refusal into a grant.
"""

import threading
import uuid
from collections.abc import Callable
from typing import TypeVar

import pytest
import redis
from django.conf import settings

from scheduling.reminders import ratelimit
from scheduling.reminders.ratelimit import RedisRateLimiter, get_rate_limiter
from tests.helpers import requires_redis

pytestmark = [pytest.mark.redis, requires_redis]

T = TypeVar("T")
RATE = 5
WINDOW = 1 + ratelimit.MARGIN_SECONDS


@pytest.fixture
def connection():
    client = redis.Redis.from_url(settings.REDIS_URL)
    yield client
    client.close()


def redis_now(client: redis.Redis) -> float:
    seconds, microseconds = client.time()
    return seconds + microseconds / 1_000_000


def in_one_window(connection: redis.Redis, scenario: Callable[[str], T], budget: float = 0.9) -> T:
    """``scenario(key)`` on a fresh key, again (up to three times) if it took ``budget`` seconds or more."""
    for _ in range(3):
        key = f"test:reminders:sent-log:{uuid.uuid4().hex}"
        began = redis_now(connection)
        try:
            result = scenario(key)
            if redis_now(connection) - began < budget:
                return result
        finally:
            connection.delete(key)
    pytest.fail("the machine stalled every try for longer than the limiter's window")


def workers(key: str, rate: float = RATE) -> tuple[RedisRateLimiter, RedisRateLimiter]:
    return RedisRateLimiter(rate, settings.REDIS_URL, key), RedisRateLimiter(rate, settings.REDIS_URL, key)


def test_two_workers_share_five_messages_a_second_and_the_sixth_is_told_to_wait(connection) -> None:
    def scenario(key: str) -> tuple[list[float], list[float], int]:
        first, second = workers(key)
        granted = [worker.try_acquire() for worker in (first, second, first, second, first)]
        refused = [second.try_acquire(), first.try_acquire()]
        return granted, refused, connection.zcard(key)

    granted, refused, logged = in_one_window(connection, scenario)
    assert granted == [0, 0, 0, 0, 0]
    assert all(0 < wait <= WINDOW for wait in refused)
    assert logged == RATE  # a refusal is not counted


def test_workers_racing_for_the_same_second_get_exactly_five_between_them(connection) -> None:
    def scenario(key: str) -> int:
        limiters = workers(key)
        grants: list[int] = []
        start = threading.Barrier(len(limiters))

        def race(limiter: RedisRateLimiter) -> None:
            start.wait()
            grants.append(sum(1 for _ in range(10) if limiter.try_acquire() == 0))

        threads = [threading.Thread(target=race, args=(limiter,)) for limiter in limiters]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(grants)

    assert in_one_window(connection, scenario) == RATE


def test_a_message_older_than_the_window_no_longer_counts(connection) -> None:
    def scenario(key: str) -> tuple[float, int]:
        # Five messages that went two seconds ago, stamped as the script stamps them.
        long_ago = int((redis_now(connection) - 2) * 1_000_000)
        connection.zadd(key, {f"old-{n}": long_ago for n in range(RATE)})
        first, _second = workers(key)
        return first.try_acquire(), connection.zcard(key)

    wait, logged = in_one_window(connection, scenario)
    assert wait == 0
    assert logged == 1  # the script dropped the five old entries and logged the new one


def test_the_wait_is_until_the_oldest_message_leaves_the_window(connection) -> None:
    def scenario(key: str) -> float:
        # The oldest of five went 0.5 s ago: the next may go 0.6 s from now (1.1 s window).
        now = redis_now(connection)
        connection.zadd(key, {f"sent-{n}": int((now - 0.5 + n / 100) * 1_000_000) for n in range(RATE)})
        first, _second = workers(key)
        return first.try_acquire()

    wait = in_one_window(connection, scenario, budget=0.4)
    assert WINDOW - 0.5 - 0.4 < wait <= WINDOW - 0.5


def test_below_one_a_second_one_message_goes_per_interval(connection) -> None:
    def scenario(key: str) -> list[float]:
        first, second = workers(key, rate=0.5)
        return [first.try_acquire(), second.try_acquire()]

    went, told_to_wait = in_one_window(connection, scenario)
    assert went == 0
    assert 0 < told_to_wait <= 2 + ratelimit.MARGIN_SECONDS


def test_acquire_sleeps_for_the_wait_redis_gives_then_sends(connection, monkeypatch) -> None:
    slept: list[float] = []

    def scenario(key: str) -> int:
        slept.clear()
        monkeypatch.undo()
        first, _second = workers(key)
        for _ in range(RATE):
            first.acquire()  # free: no sleep

        def sleep(seconds: float) -> None:
            slept.append(seconds)
            connection.delete(key)  # as if the window had passed

        monkeypatch.setattr(ratelimit.time, "sleep", sleep)
        first.acquire()
        return connection.zcard(key)

    assert in_one_window(connection, scenario) == 1
    assert len(slept) == 1 and 0 < slept[0] <= WINDOW


def test_with_redis_configured_every_worker_uses_the_shared_redis_log(settings) -> None:
    settings.REMINDER_RATE_PER_SECOND = RATE
    limiter = get_rate_limiter()
    assert isinstance(limiter, RedisRateLimiter)
    assert (limiter.key, limiter.limit) == (ratelimit.KEY, RATE)
