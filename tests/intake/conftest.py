import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """Every test starts with an empty per-address screening counter."""
    cache.clear()
    yield
    cache.clear()
