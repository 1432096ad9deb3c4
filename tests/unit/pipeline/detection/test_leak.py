from __future__ import annotations

import pytest

from pipeline.detection.climb import Climb, Drop, restart_drops
from pipeline.detection.leak import check_leak
from pipeline.detection.verdict import Decision
from pipeline.series import Point
from tests.unit.pipeline.detection.shapes import ALERT, MINUTE, Shape, metric_slice, policy, wobble

LIMIT = 4.0  # GB


def climbing(start_ts: int, base: float, per_hour: float) -> Shape:
    """Flat ``base`` until ``start_ts``, then growing ``per_hour`` GB, with GC noise."""
    return lambda ts: base + max(0, ts - start_ts) / 3600 * per_hour + wobble(ts, 0.05)


def sawtooth(period_hours: float, base: float, peak: float, into_hours: float) -> Shape:
    """Climb from ``base`` to ``peak`` each period, then an OOM restart back to ``base``.

    At the alert the climb is ``into_hours`` old.
    """
    period = int(period_hours * 3600)
    shift = int(into_hours * 3600)
    return lambda ts: (
        base + (peak - base) * ((ts - ALERT + shift) % period) / period + wobble(ts, 0.05)
    )


def burst(at_ts: int, base: float, height: float) -> Shape:
    """A batch job: a step up at ``at_ts`` that then stays flat."""
    return lambda ts: base + (height if ts >= at_ts else 0) + wobble(ts, 0.05)


def _check(history: Shape, window_len: int = 10) -> Decision:
    window = [history(ALERT + (i + 1) * MINUTE) for i in range(window_len)]
    s = metric_slice(history, window, days=1, limit=LIMIT, name="MEMORY_USAGE_GB", unit="GB")
    return check_leak(s, policy()).decision


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        pytest.param(climbing(ALERT - 3 * 3600, 1.0, 0.8), Decision.CONFIRM, id="leak-full-in-1h"),
        pytest.param(
            sawtooth(3.0, 1.0, 3.9, 2.0), Decision.CONFIRM, id="sawtooth-climb-drop-climb-again"
        ),
        pytest.param(
            climbing(ALERT - 3 * 3600, 1.0, 0.2), Decision.DISMISS, id="growth-too-slow-for-horizon"
        ),
        pytest.param(burst(ALERT - 30 * MINUTE, 1.5, 2.0), Decision.DISMISS, id="batch-step-up"),
        pytest.param(burst(ALERT + 3 * MINUTE, 1.5, 2.0), Decision.DISMISS, id="burst-in-window"),
        pytest.param(climbing(ALERT, 2.0, 0.0), Decision.DISMISS, id="flat-memory"),
    ],
)
def test_leak_sawtooth_or_benign(history: Shape, expected: Decision) -> None:
    assert _check(history) is expected


def test_a_fresh_restart_below_the_limit_leaves_too_little_to_fit() -> None:
    # Restarted 18 min ago from 75% of the limit (a redeploy, not an OOM kill).
    just_restarted = sawtooth(3.0, 1.0, 3.0, into_hours=0.3)
    s = metric_slice(
        just_restarted,
        [1.3] * 3,
        days=1,
        limit=LIMIT,
        name="MEMORY_USAGE_GB",
        unit="GB",
    )
    verdict = check_leak(s, policy())
    assert verdict.decision is Decision.WAIT
    assert "since the last restart" in verdict.reason


@pytest.mark.parametrize(
    ("values", "drops"),
    [
        pytest.param([1.0, 2.0, 3.0, 3.9, 1.0, 1.5], [Drop(3, 4)], id="one-sample-fall"),
        pytest.param([2.0, 3.9, 2.6, 1.0, 1.1], [Drop(1, 3)], id="fall-spread-over-two-samples"),
        pytest.param([3.0, 2.8, 2.6, 2.4, 2.2, 2.0], [], id="slow-decline-is-no-restart"),
        pytest.param([2.0, 2.5, 2.1, 2.6, 2.2], [], id="gc-wobble"),
    ],
)
def test_restart_drops(values: list[float], drops: list[Drop]) -> None:
    points = [Point(i * MINUTE, v) for i, v in enumerate(values)]
    assert restart_drops(points, LIMIT, policy()) == drops


def test_the_climb_starts_at_the_bottom_of_the_last_drop() -> None:
    points = [Point(i * MINUTE, v) for i, v in enumerate([1.0, 2.0, 3.0, 3.9, 1.0, 1.5, 2.0])]
    drops = restart_drops(points, LIMIT, policy())
    climb = Climb.ending_at(points, len(points), drops, fit_seconds=3600)
    assert [p.value for p in climb.points] == [1.0, 1.5, 2.0]
    before = Climb.ending_at(points, drops[-1].peak + 1, drops, fit_seconds=3600)
    assert [p.value for p in before.points] == [1.0, 2.0, 3.0, 3.9]


@pytest.mark.parametrize(
    ("after_restart", "expected", "rule"),
    [
        pytest.param(0.05, Decision.CONFIRM, "memory_leak_sawtooth", id="climbing-again"),
        pytest.param(0.0, Decision.DISMISS, "memory_leak_trend", id="flat-after-restart"),
    ],
)
def test_right_after_an_oom_restart_the_previous_climb_is_the_evidence(
    after_restart: float, expected: Decision, rule: str
) -> None:
    # Climbed 1.0 -> 3.9 GB over 3 h, OOM-killed at the alert, then ``after_restart`` GB/min.
    def memory(ts: int) -> float:
        if ts <= ALERT:
            return 1.0 + 2.9 * (ts - (ALERT - 3 * 3600)) / (3 * 3600) + wobble(ts, 0.02)
        return 1.0 + after_restart * (ts - ALERT) / MINUTE + wobble(ts, 0.02)

    window = [memory(ALERT + (i + 1) * MINUTE) for i in range(10)]
    s = metric_slice(memory, window, days=0.2, limit=LIMIT, name="MEMORY_USAGE_GB", unit="GB")
    verdict = check_leak(s, policy())
    assert (verdict.decision, verdict.rule) == (expected, rule)


def test_without_a_limit_nothing_is_projected() -> None:
    history = climbing(ALERT - 3 * 3600, 1.0, 0.8)
    s = metric_slice(history, [3.5] * 10, days=1, limit=None, name="MEMORY_USAGE_GB", unit="GB")
    assert check_leak(s, policy()).decision is Decision.DISMISS
