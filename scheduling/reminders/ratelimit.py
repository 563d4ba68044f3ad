"""A global ceiling on messages per second, whatever the number of workers.

With Redis, every worker asks one sorted set (a sliding log of send times, kept
by a Lua script on Redis's own clock) before each send; without it, one process
keeps the same log in memory. The log's window is a second plus a margin, so the
jitter between asking and the provider receiving cannot push any one second
over the rate (the benchmark measures exactly that).
"""

import collections
import math
import threading
import time
import uuid

from django.conf import settings

KEY = "veinflow:reminders:sent-log"
# The time between our permission and the provider's clock stamping the message.
MARGIN_SECONDS = 0.1

SLIDING_LOG = """
local now_t = redis.call('TIME')
local now = tonumber(now_t[1]) * 1000000 + tonumber(now_t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
"""


def _shape(rate: float) -> tuple[int, float]:
    """(messages, window seconds): ``rate`` per second, or one per 1/rate seconds below one a second."""
    if rate >= 1:
        return math.floor(rate), 1.0 + MARGIN_SECONDS
    return 1, 1.0 / rate + MARGIN_SECONDS


class RateLimiter:
    def acquire(self) -> None:
        """Block until one more message may go."""


class LocalRateLimiter(RateLimiter):
    def __init__(self, rate: float) -> None:
        self.limit, self.window = _shape(rate)
        self.sent: collections.deque[float] = collections.deque()
        self.lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self.lock:
                now = time.monotonic()
                while self.sent and self.sent[0] <= now - self.window:
                    self.sent.popleft()
                if len(self.sent) < self.limit:
                    self.sent.append(now)
                    return
                wait = self.sent[0] + self.window - now
            time.sleep(wait)


class RedisRateLimiter(RateLimiter):
    def __init__(self, rate: float, url: str, key: str = KEY) -> None:
        import redis

        self.limit, window = _shape(rate)
        self.window_us = int(window * 1_000_000)
        self.key = key
        self.client = redis.Redis.from_url(url)
        self.script = self.client.register_script(SLIDING_LOG)

    def try_acquire(self) -> float:
        """0 when one more message may go now (and it is counted); else the seconds until one may."""
        wait_us = int(self.script(keys=[self.key], args=[self.limit, self.window_us, uuid.uuid4().hex]))
        return wait_us / 1_000_000

    def acquire(self) -> None:
        while wait := self.try_acquire():
            time.sleep(wait)


_local: dict[float, LocalRateLimiter] = {}


def get_rate_limiter() -> RateLimiter:
    rate = settings.REMINDER_RATE_PER_SECOND
    if not rate or rate <= 0:
        return RateLimiter()
    if settings.REDIS_URL:
        return RedisRateLimiter(rate, settings.REDIS_URL)
    # One per process, so every batch in it shares the same log.
    return _local.setdefault(rate, LocalRateLimiter(rate))
