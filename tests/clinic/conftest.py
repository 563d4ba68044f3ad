import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Every test starts with empty rate-limit counters (they live in the cache)."""
    cache.clear()
    yield
    cache.clear()
