from __future__ import annotations

import math

import pytest

from pipeline.detection.linear_fit import LinearFit, best_step_sse
from pipeline.detection.robust import Spread
from pipeline.detection.sustain import needed_samples, tally
from pipeline.detection.verdict import Decision
from pipeline.detection.wording import number, percent, span
from pipeline.series import Point
from tests.unit.pipeline.detection.shapes import policy


@pytest.mark.parametrize(
    ("values", "location", "scale"),
    [
        pytest.param([1, 2, 3, 4, 100], 3, 1.4826, id="outlier-ignored"),
        pytest.param([5, 5, 5, 5, 9], 5, math.sqrt(2.56), id="mad-zero-falls-back-to-sd"),
        pytest.param([7, 7, 7], 7, 0.007, id="flat-gets-a-hair-of-its-level"),
        pytest.param([0, 0, 0], 0, 1e-9, id="all-zero"),
    ],
)
def test_spread(values: list[float], location: float, scale: float) -> None:
    spread = Spread.of(values)
    assert spread.location == pytest.approx(location)
    assert spread.scale == pytest.approx(scale)


@pytest.mark.parametrize(
    ("window_s", "step_s", "needed"),
    [
        pytest.param(600, 60, 5, id="10-min-of-1-min-samples"),
        pytest.param(600, 30, 10, id="10-min-of-30-s-samples"),
        pytest.param(3000, 300, 5, id="50-min-of-5-min-samples"),
        pytest.param(7200, 60, 30, id="long-window-capped-at-30-min"),
        pytest.param(36000, 3600, 1, id="hourly-one-sample-is-an-hour"),
    ],
)
def test_needed_samples(window_s: int, step_s: int, needed: int) -> None:
    assert needed_samples(window_s, step_s, policy()) == needed


@pytest.mark.parametrize(
    ("flags", "remaining", "decision"),
    [
        pytest.param([True] * 5, 5, Decision.CONFIRM, id="enough-already"),
        pytest.param([False] * 6, 4, Decision.DISMISS, id="cannot-reach"),
        pytest.param([True, False], 8, Decision.WAIT, id="open"),
        pytest.param([], 0, Decision.DISMISS, id="nothing-seen-nothing-to-come"),
        pytest.param([True] * 4, 0, Decision.DISMISS, id="window-over-short"),
    ],
)
def test_tally(flags: list[bool], remaining: int, decision: Decision) -> None:
    assert tally(flags, remaining, needed=5, step_seconds=60).decision is decision


def test_linear_fit_recovers_a_line_and_projects_it() -> None:
    fit = LinearFit.of([Point(t, 2.0 + 0.01 * t) for t in range(0, 600, 60)])
    assert fit.slope == pytest.approx(0.01)
    assert fit.at(1000) == pytest.approx(12.0)
    assert fit.seconds_until(20.0, 1000) == pytest.approx(800)
    assert fit.t_stat > 1e6


@pytest.mark.parametrize(
    ("slope", "level", "until"),
    [
        pytest.param(-0.01, 20.0, None, id="falling-never-reaches"),
        pytest.param(0.01, 1.0, 0.0, id="already-above"),
    ],
)
def test_seconds_until_edge_cases(slope: float, level: float, until: float | None) -> None:
    fit = LinearFit.of([Point(t, 5.0 + slope * t + (t % 120) * 1e-4) for t in range(0, 600, 60)])
    assert fit.seconds_until(level, 600) == until


def test_a_step_fits_a_jump_better_than_a_line_and_worse_than_a_ramp() -> None:
    jump = [1.0] * 10 + [5.0] * 10
    ramp = [0.2 * i for i in range(20)]
    jump_fit = LinearFit.of([Point(i, v) for i, v in enumerate(jump)])
    ramp_fit = LinearFit.of([Point(i, v) for i, v in enumerate(ramp)])
    assert best_step_sse(jump) < jump_fit.sse
    assert best_step_sse(ramp) > ramp_fit.sse


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0123, "0.0123"), (1.234, "1.23"), (12.34, "12.3"), (1234.5, "1,234"), (50.0, "50")],
)
def test_number(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(45, "45 s"), (600, "10 min"), (9000, "2.5 h"), (3 * 86400, "3.0 d")]
)
def test_span(seconds: float, text: str) -> None:
    assert span(seconds) == text


def test_percent() -> None:
    assert (percent(0.05), percent(0.0035)) == ("5%", "0.35%")
