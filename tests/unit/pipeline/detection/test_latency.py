from __future__ import annotations

import pytest

from pipeline.detection.latency import check_latency
from pipeline.detection.verdict import Decision
from tests.unit.pipeline.detection.shapes import daily_peak, flat, metric_slice, policy

SLOW, FAST = 4200.0, 250.0


def p95(history_peak: float, window: list[float]) -> Decision:
    history = daily_peak(FAST, history_peak, hour=11.5, hours=2)
    s = metric_slice(history, window, name="HTTP_P95_MS", unit="ms", limit=None)
    return check_latency(s, policy()).decision


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        pytest.param([SLOW] + [FAST] * 9, Decision.DISMISS, id="single-slow-bucket"),
        pytest.param([SLOW, FAST] * 2 + [FAST] * 6, Decision.DISMISS, id="two-slow-buckets"),
        pytest.param([SLOW] * 6 + [FAST] * 4, Decision.CONFIRM, id="slow-for-six-minutes"),
        pytest.param([2900.0] * 10, Decision.DISMISS, id="sustained-just-below-3s"),
    ],
)
def test_latency_sustained_or_single_slow_bucket(window: list[float], expected: Decision) -> None:
    assert p95(FAST, window) is expected


def test_a_usual_slow_hour_is_not_an_incident() -> None:
    assert p95(SLOW, [SLOW] * 10) is Decision.DISMISS


def test_evidence_compares_with_the_baseline() -> None:
    s = metric_slice(flat(FAST, 10), [SLOW] * 10, name="HTTP_P95_MS", unit="ms", limit=None)
    verdict = check_latency(s, policy())
    assert verdict.decision is Decision.CONFIRM
    texts = [e.text for e in verdict.evidence]
    assert texts[0].startswith("p95 ≥ 3,000 ms in 10 of 10 samples (10 min)")
    assert "median p95 in window 4,200 ms vs 2" in texts[1]
