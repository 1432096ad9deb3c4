"""Deterministic signals: a metric's value as a pure function of time.

A scenario describes each series as a small expression (a daily cycle plus spikes plus noise,
a sawtooth for a leak). Evaluating it at any second gives the same value on every call, so any
window a client asks for is consistent with every other window.

Absolute signals (``daily``, ``noise``) read wall-clock seconds; relative ones (``spikes``,
``ramp``, ``sawtooth``) read seconds since the current behaviour began (a deploy, an outage).
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

_DAY = 86400
_MASK = (1 << 64) - 1


def unit(*keys: int | str) -> float:
    """A deterministic pseudo-random number in ``[0, 1)`` for these keys (splitmix64)."""
    state = 0x9E3779B97F4A7C15
    for key in keys:
        value = key if isinstance(key, int) else _text_key(key)
        state = _mix((state ^ value) & _MASK)
    return (state >> 11) / float(1 << 53)


def _text_key(text: str) -> int:
    return int.from_bytes(text.encode()[:16].ljust(16, b"\0"), "little") ^ len(text)


def _mix(z: int) -> int:
    z = (z + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


class _Signal(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Constant(_Signal):
    """The same value at every moment."""

    kind: Literal["constant"] = "constant"
    value: float

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        return self.value


class Daily(_Signal):
    """A daily cycle: ``base`` at the trough's midpoint, ``base + amplitude`` at the peak hour."""

    kind: Literal["daily"] = "daily"
    base: float
    amplitude: float
    peak_hour_utc: float = 15.0

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        phase = 2 * math.pi * ((t % _DAY) / _DAY - self.peak_hour_utc / 24)
        return self.base + self.amplitude * math.cos(phase)


class Spikes(_Signal):
    """Bursts of ``height`` lasting ``duration_seconds``, every ``every_seconds``.

    Counting from the behaviour's start lets a scenario put a spike exactly at its alert.
    """

    kind: Literal["spikes"] = "spikes"
    every_seconds: int
    duration_seconds: int
    height: float
    phase_seconds: int = 0

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        in_cycle = (t - since - self.phase_seconds) % self.every_seconds
        return self.height if in_cycle < self.duration_seconds else 0.0


class Noise(_Signal):
    """Deterministic jitter in ``[-amplitude, amplitude]``, changing every ``period_seconds``."""

    kind: Literal["noise"] = "noise"
    amplitude: float
    seed: int = 0
    period_seconds: int = 30

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        return self.amplitude * (2 * unit(self.seed, int(t // self.period_seconds)) - 1)


class Ramp(_Signal):
    """Climbs by ``per_hour`` from ``start`` since the behaviour began, up to ``cap``."""

    kind: Literal["ramp"] = "ramp"
    start: float
    per_hour: float
    cap: float | None = None

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        value = self.start + self.per_hour * max(0.0, t - since) / 3600
        return value if self.cap is None else min(value, self.cap)


class Sawtooth(_Signal):
    """Climbs from ``low`` to ``high`` over ``period_seconds``, drops back, repeats (OOM kills)."""

    kind: Literal["sawtooth"] = "sawtooth"
    low: float
    high: float
    period_seconds: int

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        progress = (max(0.0, t - since) % self.period_seconds) / self.period_seconds
        return self.low + (self.high - self.low) * progress


class Sum(_Signal):
    """The sum of its parts, never below ``floor``."""

    kind: Literal["sum"] = "sum"
    parts: list[Signal]
    floor: float = 0.0

    def at(self, t: float, since: float) -> float:
        """Value at ``t``."""
        return max(self.floor, sum(part.at(t, since) for part in self.parts))


Signal = Annotated[
    Constant | Daily | Spikes | Noise | Ramp | Sawtooth | Sum, Field(discriminator="kind")
]
"""Any signal, told apart by ``kind`` in the scenario file."""

Sum.model_rebuild()


def average(signal: Signal, start: float, end: float, since: float, step: float = 15.0) -> float:
    """Mean of ``signal`` over ``[start, end)``, so coarse samples still see short spikes."""
    count = max(1, min(60, int((end - start) // step)))
    width = (end - start) / count
    return sum(signal.at(start + (i + 0.5) * width, since) for i in range(count)) / count
