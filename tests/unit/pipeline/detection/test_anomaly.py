from __future__ import annotations

import pytest

from pipeline.detection.anomaly import check_anomaly, is_abnormal
from pipeline.detection.robust import Spread
from pipeline.detection.verdict import Decision
from tests.unit.pipeline.detection.shapes import daily_peak, flat, metric_slice, policy

QUIET = flat(2.0, amplitude=0.2)
HIGH, LOW = 5.0, 2.0


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        pytest.param([HIGH] + [LOW] * 9, Decision.DISMISS, id="one-sample-spike"),
        pytest.param([HIGH] * 3 + [LOW] * 7, Decision.DISMISS, id="three-minute-burst"),
        pytest.param([HIGH, LOW] * 5, Decision.CONFIRM, id="flapping-half-the-window"),
        pytest.param([HIGH] * 10, Decision.CONFIRM, id="sustained-whole-window"),
        pytest.param([LOW] * 4 + [HIGH] * 6, Decision.CONFIRM, id="sustained-late-start"),
        pytest.param([2.6] * 10, Decision.DISMISS, id="sustained-but-only-30-percent-up"),
    ],
)
def test_spike_or_sustained(window: list[float], expected: Decision) -> None:
    verdict = check_anomaly(metric_slice(QUIET, window), policy())
    assert verdict.decision is expected


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        pytest.param([HIGH] * 4, Decision.WAIT, id="four-high-could-go-either-way"),
        pytest.param([HIGH] * 5, Decision.CONFIRM, id="five-high-is-enough-early"),
        pytest.param([LOW] * 6, Decision.DISMISS, id="six-low-cannot-reach-five"),
        pytest.param([LOW] * 5, Decision.WAIT, id="five-low-still-possible"),
    ],
)
def test_decides_as_soon_as_the_outcome_is_certain(window: list[float], expected: Decision) -> None:
    assert check_anomaly(metric_slice(QUIET, window), policy()).decision is expected


@pytest.mark.parametrize(
    ("history_peak", "expected"),
    [
        pytest.param(5.0, Decision.DISMISS, id="daily-peak-seen-on-previous-days"),
        pytest.param(2.0, Decision.CONFIRM, id="new-peak-never-seen-at-this-time"),
    ],
)
def test_daily_peak_or_new_peak(history_peak: float, expected: Decision) -> None:
    # The alert is at 12:00 UTC; the history peaks 11:30-13:30 on every previous day.
    usual = daily_peak(LOW, history_peak, hour=11.5, hours=2)
    verdict = check_anomaly(metric_slice(usual, [HIGH] * 10), policy())
    assert verdict.decision is expected


def test_without_earlier_days_the_recent_baseline_is_the_reference() -> None:
    verdict = check_anomaly(metric_slice(QUIET, [HIGH] * 10, days=0.05), policy())
    assert verdict.decision is Decision.CONFIRM
    assert "before the alert" in verdict.evidence[1].text


def test_no_history_dismisses_with_a_reason() -> None:
    verdict = check_anomaly(metric_slice(QUIET, [HIGH] * 10, days=0), policy())
    assert verdict.decision is Decision.DISMISS
    assert "no history" in verdict.reason


@pytest.mark.parametrize(
    ("value", "abnormal"),
    [
        pytest.param(10.0, False, id="at-the-median"),
        pytest.param(13.0, False, id="z-3-below-cutoff"),
        pytest.param(14.0, False, id="z-4-but-only-40-percent-up"),
        pytest.param(15.0, True, id="z-5-and-50-percent-up"),
    ],
)
def test_abnormal_needs_both_z_and_size(value: float, abnormal: bool) -> None:
    usual = Spread(location=10.0, scale=1.0, count=100)
    assert is_abnormal(value, usual, policy()) is abnormal
