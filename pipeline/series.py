"""Time series as the pipeline sees them: points of (unix seconds, value), oldest first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple


class Point(NamedTuple):
    """One sample: ``ts`` in seconds since the Unix epoch, ``value`` in the series' unit."""

    ts: int
    value: float


Series = Sequence[Point]


def between(series: Iterable[Point], start: int, end: int) -> list[Point]:
    """The points with ``start <= ts < end``."""
    return [p for p in series if start <= p.ts < end]


def values(series: Iterable[Point]) -> list[float]:
    """Just the values."""
    return [p.value for p in series]
