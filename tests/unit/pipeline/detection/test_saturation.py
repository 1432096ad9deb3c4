from __future__ import annotations

import pytest

from pipeline.detection.inputs import MetricSlice
from pipeline.detection.saturation import Saturation, check_saturation
from pipeline.detection.verdict import Decision
from pipeline.series import Point
from tests.unit.pipeline.detection.shapes import (
    ALERT,
    MINUTE,
    daily_peak,
    flat,
    metric_slice,
    policy,
)

LIMIT = 8.0
PEGGED, BUSY = 7.8, 4.0  # 97.5% and 50% of the limit


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        pytest.param([PEGGED] + [BUSY] * 9, Decision.DISMISS, id="one-sample-at-limit"),
        pytest.param([PEGGED] * 4 + [BUSY] * 6, Decision.DISMISS, id="four-minutes-at-limit"),
        pytest.param([PEGGED] * 5 + [BUSY] * 5, Decision.CONFIRM, id="half-the-window"),
        pytest.param([PEGGED] * 10, Decision.CONFIRM, id="held-whole-window"),
        pytest.param([7.0] * 10, Decision.DISMISS, id="held-at-87-percent-below-90"),
    ],
)
def test_cpu_held_near_limit_or_spike(window: list[float], expected: Decision) -> None:
    s = metric_slice(flat(BUSY), window, limit=LIMIT)
    assert check_saturation(s, Saturation.cpu(policy()), policy()).decision is expected


@pytest.mark.parametrize(
    ("usual_peak", "expected"),
    [
        pytest.param(PEGGED, Decision.DISMISS, id="nightly-batch-pegs-cpu-every-day"),
        pytest.param(BUSY, Decision.CONFIRM, id="never-pegged-at-this-time-before"),
    ],
)
def test_daily_saturation_is_not_an_incident(usual_peak: float, expected: Decision) -> None:
    history = daily_peak(BUSY, usual_peak, hour=11.5, hours=2)
    s = metric_slice(history, [PEGGED] * 10, limit=LIMIT)
    verdict = check_saturation(s, Saturation.cpu(policy()), policy())
    assert verdict.decision is expected
    if expected is Decision.DISMISS:
        assert "as usual at this time of day" in verdict.reason


def test_without_a_limit_there_is_no_saturation() -> None:
    s = metric_slice(flat(BUSY), [PEGGED] * 10, limit=None)
    verdict = check_saturation(s, Saturation.cpu(policy()), policy())
    assert verdict.decision is Decision.DISMISS
    assert "no known limit" in verdict.reason


def _memory(minutes_high_before_alert: int) -> MetricSlice:
    # Memory at 50% of a 4 GB limit, jumping to 95% some minutes before the alert.
    s = metric_slice(flat(2.0, 0.05), [3.8] * 10, limit=4.0, name="MEMORY_USAGE_GB", unit="GB")
    jump = ALERT - minutes_high_before_alert * MINUTE
    history = tuple(Point(p.ts, 3.8) if p.ts > jump else p for p in s.history)
    return s.model_copy(update={"history": history})


@pytest.mark.parametrize(
    ("minutes_high_before_alert", "expected"),
    [
        pytest.param(0, Decision.DISMISS, id="memory-jumped-at-the-alert-a-batch"),
        pytest.param(4, Decision.DISMISS, id="memory-high-for-14-of-30-minutes"),
        pytest.param(5, Decision.CONFIRM, id="memory-high-for-15-of-30-minutes"),
        pytest.param(60, Decision.CONFIRM, id="memory-held-for-an-hour"),
    ],
)
def test_memory_must_be_held_longer_than_cpu(
    minutes_high_before_alert: int, expected: Decision
) -> None:
    spec = Saturation.memory(policy())
    assert check_saturation(_memory(minutes_high_before_alert), spec, policy()).decision is expected


def test_memory_saturation_ends_at_a_restart() -> None:
    # Held at 95% for an hour, then OOM-killed at the alert and back at 50%.
    s = _memory(60).model_copy(
        update={"recent": tuple(Point(p.ts, 2.0) for p in _memory(60).recent)}
    )
    verdict = check_saturation(s, Saturation.memory(policy()), policy())
    assert verdict.decision is Decision.DISMISS
    assert verdict.evidence[0].text.startswith(
        "MEMORY_USAGE_GB ≥ 90% of the 4 GB limit (3.6 GB) in 0 of 10"
    )
