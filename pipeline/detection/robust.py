"""Robust location and spread (median and MAD) of a handful of samples."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

# Scales the MAD to the standard deviation of a normal distribution.
_MAD_TO_SD = 1.4826
# A flat reference has no spread; a hair of its level keeps z-scores finite.
_FLAT_SCALE = 1e-3
_TINY = 1e-9


@dataclass(frozen=True)
class Spread:
    """Median and robust standard deviation of some reference values."""

    location: float
    scale: float
    count: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """Median and 1.4826 * MAD, falling back to the standard deviation when MAD is zero."""
        if not values:
            raise ValueError("no values to summarise")
        middle = statistics.median(values)
        scale = _MAD_TO_SD * statistics.median([abs(v - middle) for v in values])
        if scale <= 0 and len(values) > 1:
            scale = statistics.pstdev(values)
        if scale <= 0:
            scale = max(_TINY, _FLAT_SCALE * abs(middle))
        return cls(location=middle, scale=scale, count=len(values))

    def z(self, value: float) -> float:
        """How many robust standard deviations ``value`` lies above the median."""
        return (value - self.location) / self.scale

    def rise(self, value: float) -> float:
        """How far ``value`` lies above the median, relative to the median's size."""
        if self.location == 0:
            return float("inf") if value > 0 else 0.0
        return (value - self.location) / abs(self.location)
