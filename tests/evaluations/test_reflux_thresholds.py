"""Each threshold at its boundary, with its source: SVS/AVF 2011 (Gloviczki et al., J Vasc Surg 2011)."""

from decimal import Decimal

import pytest

from evaluations.rules.segments import (
    Segment,
    UlcerNearby,
    is_pathological_perforator,
    is_pathological_reflux,
    reflux_threshold_ms,
)

SUPERFICIAL_AND_OTHERS_500 = [
    "GSVa",
    "GSVb",
    "SSV",
    "AASV",
    "SFJ",
    "SPJ",
    "TIBV",
    "PTV",
    "ATV",
    "PRV",
    "DFV",
    "TPV",
    "CPV",
]
DEEP_1000 = ["CFV", "FV", "POPV"]


@pytest.mark.parametrize("segment", SUPERFICIAL_AND_OTHERS_500)
@pytest.mark.parametrize(("reflux_ms", "pathological"), [(499, False), (500, False), (501, True)])
def test_svs_avf_2011_superficial_tibial_deep_femoral_and_perforator_reflux_is_pathological_over_500_ms(
    segment: str, reflux_ms: int, pathological: bool
) -> None:
    assert is_pathological_reflux(segment, reflux_ms) is pathological


@pytest.mark.parametrize("segment", DEEP_1000)
@pytest.mark.parametrize(("reflux_ms", "pathological"), [(999, False), (1000, False), (1001, True)])
def test_svs_avf_2011_common_femoral_femoral_and_popliteal_reflux_is_pathological_over_1000_ms(
    segment: str, reflux_ms: int, pathological: bool
) -> None:
    assert is_pathological_reflux(segment, reflux_ms) is pathological


def test_an_800_ms_reflux_in_the_femoral_vein_is_still_normal_per_svs_avf_2011() -> None:
    assert is_pathological_reflux("FV", 800) is False
    assert is_pathological_reflux("GSVa", 800) is True


def test_segments_without_an_svs_avf_threshold_are_never_called_pathological() -> None:
    assert reflux_threshold_ms(Segment.CIV) is None
    assert is_pathological_reflux(Segment.CIV, 5000) is False


@pytest.mark.parametrize(
    ("reflux_ms", "diameter", "pathological"),
    [
        (499, "3.5", False),
        (500, "3.5", True),
        (501, "3.5", True),
        (500, "3.4", False),
        (800, "3.4", False),
        (800, "3.5", True),
    ],
)
def test_svs_avf_2011_pathological_perforator_needs_500_ms_and_3_5_mm(
    reflux_ms: int, diameter: str, pathological: bool
) -> None:
    assert is_pathological_perforator("CPV", reflux_ms, Decimal(diameter), UlcerNearby.OPEN) is pathological


@pytest.mark.parametrize("ulcer", [UlcerNearby.HEALED, UlcerNearby.OPEN])
def test_svs_avf_2011_pathological_perforator_lies_beneath_a_healed_or_open_ulcer(ulcer: str) -> None:
    assert is_pathological_perforator("TPV", 600, Decimal("4.0"), ulcer)
    assert not is_pathological_perforator("TPV", 600, Decimal("4.0"), None)


def test_only_perforators_can_be_pathological_perforators() -> None:
    assert not is_pathological_perforator("GSVa", 900, Decimal("6"), UlcerNearby.OPEN)
