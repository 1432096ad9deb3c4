"""Least-squares trend lines, as Prometheus ``predict_linear`` fits them, and step fits."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.series import Point

_TINY = 1e-18


@dataclass(frozen=True)
class LinearFit:
    """``value = intercept + slope * (ts - origin)`` by least squares, with the slope's t-stat."""

    origin: int
    intercept: float
    slope: float
    t_stat: float
    sse: float
    count: int

    @classmethod
    def of(cls, points: Sequence[Point]) -> LinearFit:
        """Ordinary least squares over ``points`` (at least three, at distinct times)."""
        if len(points) < 3:
            raise ValueError("a trend needs at least three points")
        origin = points[0].ts
        xs = [float(p.ts - origin) for p in points]
        ys = [p.value for p in points]
        n = len(points)
        x_mean, y_mean = sum(xs) / n, sum(ys) / n
        sxx = sum((x - x_mean) ** 2 for x in xs)
        if sxx <= 0:
            raise ValueError("a trend needs points at more than one time")
        slope = sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / sxx
        intercept = y_mean - slope * x_mean
        sse = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
        stderr = math.sqrt(max(sse / max(n - 2, 1), _TINY) / sxx)
        return cls(origin, intercept, slope, slope / stderr, sse, n)

    def at(self, ts: float) -> float:
        """The line's value at ``ts``."""
        return self.intercept + self.slope * (ts - self.origin)

    def seconds_until(self, level: float, ts: int) -> float | None:
        """From ``ts``, how long until the line reaches ``level`` (``None`` if it never will)."""
        now = self.at(ts)
        if now >= level:
            return 0.0
        if self.slope <= 0:
            return None
        return (level - now) / self.slope


def best_step_sse(values: Sequence[float]) -> float:
    """Residual sum of squares of the best two-level step fit (one change point)."""
    n = len(values)
    if n < 4:
        return math.inf
    total = sum(values)
    total_sq = sum(v * v for v in values)
    best = math.inf
    left, left_sq = 0.0, 0.0
    for k in range(1, n):
        left += values[k - 1]
        left_sq += values[k - 1] ** 2
        if k < 2 or n - k < 2:
            continue
        right, right_sq = total - left, total_sq - left_sq
        sse = (left_sq - left * left / k) + (right_sq - right * right / (n - k))
        best = min(best, sse)
    return best
