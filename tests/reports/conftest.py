import pytest

from tests.factories.practice import Practice, known_practice


@pytest.fixture
def practice(db) -> Practice:
    """The small practice whose every figure is known (tests/factories/practice.py)."""
    return known_practice()
