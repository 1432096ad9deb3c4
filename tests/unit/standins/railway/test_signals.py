from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from standins.railway.signals import Signal, average, unit

SIGNAL: TypeAdapter[Signal] = TypeAdapter(Signal)


def signal(spec: dict[str, object]) -> Signal:
    return SIGNAL.validate_python(spec)


@pytest.mark.parametrize(
    ("spec", "t", "since", "value"),
    [
        ({"kind": "constant", "value": 0.3}, 123.0, 0.0, 0.3),
        ({"kind": "daily", "base": 1.0, "amplitude": 0.5, "peak_hour_utc": 15}, 15 * 3600, 0, 1.5),
        ({"kind": "daily", "base": 1.0, "amplitude": 0.5, "peak_hour_utc": 15}, 3 * 3600, 0, 0.5),
        (
            {"kind": "spikes", "every_seconds": 600, "duration_seconds": 30, "height": 2},
            1210,
            10,
            2,
        ),
        (
            {"kind": "spikes", "every_seconds": 600, "duration_seconds": 30, "height": 2},
            1250,
            10,
            0,
        ),
        ({"kind": "ramp", "start": 0.2, "per_hour": 0.4, "cap": 0.5}, 3600 + 50, 50, 0.5),
        ({"kind": "ramp", "start": 0.2, "per_hour": 0.4}, 1800, 0, 0.4),
        ({"kind": "sawtooth", "low": 0.4, "high": 1.0, "period_seconds": 600}, 300, 0, 0.7),
        ({"kind": "sawtooth", "low": 0.4, "high": 1.0, "period_seconds": 600}, 600, 0, 0.4),
        ({"kind": "sum", "parts": [{"kind": "constant", "value": -2}], "floor": 0.1}, 0, 0, 0.1),
    ],
)
def test_signal_values(spec: dict[str, object], t: float, since: float, value: float) -> None:
    assert signal(spec).at(t, since) == pytest.approx(value)


def test_noise_is_deterministic_and_bounded() -> None:
    noise = signal({"kind": "noise", "amplitude": 0.1, "seed": 3})
    values = [noise.at(t, 0) for t in range(0, 36000, 30)]
    assert values == [noise.at(t, 0) for t in range(0, 36000, 30)]
    assert all(-0.1 <= v <= 0.1 for v in values)
    assert len(set(values)) > 100


def test_average_sees_a_spike_shorter_than_the_sample() -> None:
    spikes = signal({"kind": "spikes", "every_seconds": 3600, "duration_seconds": 60, "height": 4})
    assert average(spikes, 0, 240, since=0) == pytest.approx(1.0)


def test_unit_is_in_range_and_spreads() -> None:
    draws = [unit("svc", n) for n in range(2000)]
    assert all(0 <= d < 1 for d in draws)
    assert 0.45 < sum(draws) / len(draws) < 0.55
    assert unit("a", 1) != unit("a", 2) != unit("b", 1)
