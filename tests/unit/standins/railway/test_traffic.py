from __future__ import annotations

import pytest

from standins.railway.scenario import HttpProfile
from standins.railway.traffic import percentile, status_counts


def profile(rps: float, weights: dict[int, float]) -> HttpProfile:
    constant = {"kind": "constant", "value": 1}
    return HttpProfile.model_validate(
        {
            "rps": {"kind": "constant", "value": rps},
            "status_weights": {
                code: {"kind": "constant", "value": w} for code, w in weights.items()
            },
            "latency_ms": {"p50": constant, "p90": constant, "p95": constant, "p99": constant},
            "routes": [{"path": "/"}],
        }
    )


@pytest.mark.parametrize(
    ("rps", "weights", "expected"),
    [
        (1.0, {200: 0.9, 500: 0.1}, {200: 54, 500: 6}),
        (0.05, {200: 0.99, 500: 0.01}, {200: 3}),
        (2.0, {200: 1, 201: 1, 500: 1}, {200: 40, 201: 40, 500: 40}),
        (0.0, {200: 1}, {}),
        (100.0, {200: 1}, {200: 1200}),
    ],
)
def test_status_counts_split_the_minute(
    rps: float, weights: dict[int, float], expected: dict[int, int]
) -> None:
    assert status_counts(profile(rps, weights), 0.0, 0.0) == expected


def test_percentile_is_nearest_rank() -> None:
    values = list(range(1, 101))
    assert [percentile(values, q) for q in (0.5, 0.9, 0.99)] == [50.0, 90.0, 99.0]
