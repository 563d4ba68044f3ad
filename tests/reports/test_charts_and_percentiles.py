"""The chart geometry and the SQLite percentile agree with what they claim."""

import datetime

import pytest

from reports import charts
from reports.sql import percentile


def test_percentile_interpolates_between_neighbours_as_percentile_cont_does() -> None:
    assert percentile([2, 10], 0.5) == 6
    assert percentile([2, 10], 0.9) == pytest.approx(9.2)
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None


def test_the_axis_top_is_a_round_number_at_least_the_largest_value() -> None:
    assert [charts.nice_ceiling(v) for v in (0, 0.7, 3, 11, 76, 250, 1001)] == [1, 1, 5, 20, 100, 250, 2000]


def test_a_long_category_name_is_shortened_on_the_chart_but_kept_in_the_bar_title() -> None:
    name = "Radiofrequency ablation (ClosureFast)"
    chart = charts.bars(key="k", title="t", description="d", categories=[name], series=[("Done", [2])])
    assert chart.texts[0].text == "Radiofrequency abla…"  # twenty characters
    assert chart.rects[0].title == f"{name}: 2"


def test_a_missing_value_draws_no_bar_and_nothing_at_all_draws_an_empty_chart() -> None:
    chart = charts.bars(
        key="k", title="t", description="d", categories=["A", "B"], series=[("Rate", [None, 50.0])], unit="%"
    )
    assert [r.title for r in chart.rects] == ["B: 50%"]
    assert charts.bars(key="k", title="t", description="d", categories=[], series=[("Rate", [])]).empty
    weeks = [datetime.date(2030, 5, 6), datetime.date(2030, 5, 13)]
    assert charts.weekly(key="k", title="t", description="d", weeks=weeks, series=[("N", [0, 0])]).empty


def test_weekly_lines_label_their_weeks_and_stay_inside_the_chart() -> None:
    weeks = [datetime.date(2030, 5, 6) + datetime.timedelta(weeks=n) for n in range(4)]
    chart = charts.weekly(key="k", title="t", description="d", weeks=weeks, series=[("N", [2, 1, 1, 1])])
    labels = [t for t in chart.texts if t.text.startswith("May")]
    assert [t.text for t in labels] == ["May 6", "May 13", "May 20", "May 27"]
    assert labels[-1].anchor == "end"
    assert all(0 <= d.x <= chart.width and 0 <= d.y <= chart.height for d in chart.dots)
