"""Builders for the metric shapes the detection tests judge: flat, spiky, daily, leaking."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from config.detection import DetectionSettings
from pipeline.detection.inputs import MetricSlice
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.window import TimeWindow
from pipeline.series import Point

# 2024-05-01 12:00 UTC, the alert in every test.
ALERT = 1_714_564_800
DAY = 86_400
MINUTE = 60

Shape = Callable[[int], float]


def policy(**overrides: Any) -> DetectionPolicy:
    """The default policy (no environment read), with ``overrides``."""
    return replace(DetectionPolicy.from_settings(DetectionSettings.model_construct()), **overrides)


def wobble(ts: int, amplitude: float = 1.0) -> float:
    """Deterministic noise in [-amplitude, amplitude], so tests never flake."""
    return amplitude * (((ts // MINUTE) * 7919) % 13 - 6) / 6


def flat(level: float, amplitude: float = 1.0) -> Shape:
    """A steady level with a little noise."""
    return lambda ts: level + wobble(ts, amplitude)


def daily_peak(level: float, peak: float, hour: float, hours: float = 1.0) -> Shape:
    """``level`` all day except ``peak`` for ``hours`` starting at ``hour`` UTC every day."""

    def shape(ts: int) -> float:
        into = (ts % DAY) / 3600 - hour
        return (peak if 0 <= into < hours else level) + wobble(ts)

    return shape


def sampled(shape: Shape, start: int, end: int, step: int = MINUTE) -> tuple[Point, ...]:
    """``shape`` at every ``step`` from ``start`` up to and including ``end``."""
    return tuple(Point(ts, shape(ts)) for ts in range(start, end + 1, step))


def metric_slice(
    history: Shape,
    window: Sequence[float],
    *,
    days: float = 3,
    step: int = MINUTE,
    window_samples: int = 10,
    name: str = "CPU_USAGE",
    unit: str = "vCPU",
    limit: float | None = 8.0,
) -> MetricSlice:
    """``days`` of ``history`` up to the alert, then the ``window`` values seen so far."""
    frame = TimeWindow(start=ALERT, end=ALERT + window_samples * step)
    return MetricSlice(
        name=name,
        unit=unit,
        limit=limit,
        step_seconds=step,
        window=frame,
        history=sampled(history, ALERT - int(days * DAY), ALERT, step),
        recent=tuple(Point(ALERT + (i + 1) * step, v) for i, v in enumerate(window)),
    )


def frame(window_samples: int = 10, step: int = MINUTE) -> TimeWindow:
    """The confirmation window used by every test."""
    return TimeWindow(start=ALERT, end=ALERT + window_samples * step)
