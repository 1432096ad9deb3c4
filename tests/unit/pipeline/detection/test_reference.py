from __future__ import annotations

import pytest

from pipeline.detection.reference import (
    recent_reference,
    seasonal_reference,
    usual_for_time_of_day,
    usual_reference,
)
from pipeline.series import Point
from tests.unit.pipeline.detection.shapes import (
    ALERT,
    DAY,
    MINUTE,
    daily_peak,
    flat,
    metric_slice,
    policy,
)


def test_seasonal_reference_takes_the_same_time_on_each_previous_day() -> None:
    s = metric_slice(daily_peak(1.0, 9.0, hour=11.5, hours=1), [9.0], days=3.5)
    usual = seasonal_reference(s, ALERT + MINUTE, policy(seasonal_tolerance_seconds=10 * 60))
    assert usual is not None
    assert usual.spread.count == 3 * 21  # 11:51 to 12:11, inclusive, on each day
    assert usual.spread.location == pytest.approx(9.0, abs=1.0)
    assert usual.source == "same time of day ±10 min on 3 previous day(s)"


def test_seasonal_reference_needs_a_previous_day() -> None:
    s = metric_slice(flat(1.0), [1.0], days=0.5)
    assert seasonal_reference(s, ALERT + MINUTE, policy()) is None
    usual = usual_reference(s, ALERT + MINUTE, policy())
    assert usual is not None
    assert not usual.seasonal
    assert usual.source == "the 60 min before the alert"


def test_recent_reference_excludes_the_alert_sample() -> None:
    s = metric_slice(flat(1.0, 0.0), [], days=0.5)
    spiked = s.model_copy(update={"history": (*s.history[:-1], Point(ALERT, 99.0))})
    usual = recent_reference(spiked, policy())
    assert usual is not None
    assert usual.spread.location == 1.0
    assert usual.spread.count == 60


def test_coarse_history_still_gives_a_few_baseline_points() -> None:
    s = metric_slice(flat(1.0), [], days=0.5, step=3600)
    usual = recent_reference(s, policy())
    assert usual is not None
    assert usual.spread.count == 10


@pytest.mark.parametrize(
    ("history_peak", "value", "usual"),
    [
        pytest.param(9.0, 9.0, True, id="daily-peak"),
        pytest.param(1.0, 9.0, False, id="new-peak"),
        pytest.param(9.0, 30.0, False, id="far-above-the-daily-peak"),
    ],
)
def test_usual_for_time_of_day(history_peak: float, value: float, usual: bool) -> None:
    s = metric_slice(daily_peak(1.0, history_peak, hour=11.5, hours=1), [value], days=3)
    assert usual_for_time_of_day(s, s.recent[0], policy()) is usual


def test_history_days_zero_turns_seasonality_off() -> None:
    s = metric_slice(flat(1.0), [1.0], days=3)
    assert seasonal_reference(s, ALERT + DAY // 2, policy(history_days=0)) is None
