"""The benchmark's statistics: medians of latencies read on the page's 0.1 ms clock."""

from __future__ import annotations

import math

import pytest

from benchmarks.run import CLOCK_STEP_MS, grouped_median


def test_all_in_one_step_gives_that_step() -> None:
    assert grouped_median([1.0] * 9) == pytest.approx(1.0)


def test_median_is_placed_inside_its_step() -> None:
    # half the readings at 0.9, half at 1.0: the middle lies on the edge between them
    assert grouped_median([0.9] * 5 + [1.0] * 5) == pytest.approx(0.95)
    # 3 of 7 below the 1.0 step, 3 inside it, 1 above: the middle is 1/6 into that step
    value = grouped_median([0.8, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1])
    assert 0.95 <= value <= 1.05
    assert value == pytest.approx(0.95 + (3.5 - 3) / 3 * CLOCK_STEP_MS)


def test_more_slow_readings_raise_the_median() -> None:
    low = grouped_median([1.2] * 6 + [1.3] * 4)
    high = grouped_median([1.2] * 4 + [1.3] * 6)
    assert low < high
    assert 1.15 <= low <= 1.25 and 1.25 <= high <= 1.35


def test_readings_off_the_step_grid_are_binned() -> None:
    # floating-point noise in a difference of two clamped timestamps
    assert grouped_median([1.0000000001, 0.9999999999, 1.0]) == pytest.approx(1.0)


def test_no_readings() -> None:
    assert math.isnan(grouped_median([]))
