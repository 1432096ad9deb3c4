from __future__ import annotations

import pytest

from pipeline.detection.error_rate import check_error_rate, server_error_share
from pipeline.detection.inputs import HttpSlice, RequestCounts
from pipeline.detection.verdict import Decision
from tests.unit.pipeline.detection.shapes import ALERT, MINUTE, frame, policy


def http(window: list[tuple[float, float]], before: tuple[float, float] = (100, 0)) -> HttpSlice:
    """Per-minute (requests, 5xx) in the window; an hour of ``before`` per minute ahead of it."""
    history = tuple(
        RequestCounts(ALERT - i * MINUTE, before[0], before[1], 0) for i in range(60, 0, -1)
    )
    recent = tuple(
        RequestCounts(ALERT + (i + 1) * MINUTE, total, errors, 0)
        for i, (total, errors) in enumerate(window)
    )
    return HttpSlice(step_seconds=MINUTE, window=frame(), history=history, recent=recent)


FAILING, HEALTHY = (100.0, 8.0), (100.0, 0.0)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        pytest.param([FAILING] * 10, Decision.CONFIRM, id="8-percent-5xx-sustained"),
        pytest.param([FAILING] + [HEALTHY] * 9, Decision.DISMISS, id="one-bad-minute"),
        pytest.param([FAILING] * 4 + [HEALTHY] * 6, Decision.DISMISS, id="four-bad-minutes"),
        pytest.param([(100.0, 3.0)] * 10, Decision.DISMISS, id="3-percent-below-threshold"),
        pytest.param([(1.0, 1.0)] * 10, Decision.DISMISS, id="100-percent-of-10-requests"),
        pytest.param([(30.0, 3.0)] * 10, Decision.CONFIRM, id="10-percent-of-300-requests"),
    ],
)
def test_error_rate_sustained_on_enough_traffic(
    window: list[tuple[float, float]], expected: Decision
) -> None:
    assert check_error_rate(http(window), policy()).decision is expected


def test_too_few_requests_is_said_so() -> None:
    verdict = check_error_rate(http([(1.0, 1.0)] * 10), policy())
    assert "too few requests" in verdict.reason
    assert "10 < 100" in verdict.reason


def test_too_few_requests_so_far_waits_for_more_traffic() -> None:
    verdict = check_error_rate(http([(10.0, 5.0)] * 6), policy())
    assert verdict.decision is Decision.WAIT


def test_confirms_before_the_window_ends_once_sustained() -> None:
    assert check_error_rate(http([FAILING] * 5), policy()).decision is Decision.CONFIRM


@pytest.mark.parametrize(
    ("counts", "share"),
    [
        pytest.param([], None, id="no-traffic"),
        pytest.param([RequestCounts(0, 200, 10, 50)], 0.05, id="4xx-not-counted"),
        pytest.param([RequestCounts(0, 100, 0, 0), RequestCounts(60, 100, 20, 0)], 0.1, id="sum"),
    ],
)
def test_server_error_share(counts: list[RequestCounts], share: float | None) -> None:
    assert server_error_share(counts) == share
