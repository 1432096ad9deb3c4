"""How numbers, times and durations read in evidence shown to people."""

from __future__ import annotations

from datetime import UTC, datetime


def clock(ts: int) -> str:
    """A UTC timestamp as ``2024-05-01 12:00``."""
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%d %H:%M")


def period(start: int, end: int) -> str:
    """Two UTC timestamps as ``2024-05-01 12:00 to 12:10 UTC`` (the date once if shared)."""
    first, last = clock(start), clock(end)
    if first[:10] == last[:10]:
        last = last[11:]
    return f"{first} to {last} UTC"


def span(seconds: float) -> str:
    """A duration in the largest unit that keeps it readable: ``45 s``, ``10 min``, ``2.5 h``."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def number(value: float) -> str:
    """A measurement with about three significant digits: ``0.0123``, ``1.23``, ``1,234``."""
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 10 or value == 0:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def percent(share: float) -> str:
    """A share (0..1) as a percentage: ``5%``, ``0.35%``."""
    return f"{number(share * 100)}%"


def quantity(value: float, unit: str) -> str:
    """A number with its unit: ``7.2 vCPU``, ``58.4%``."""
    if unit in ("", "%"):
        return f"{number(value)}{unit}"
    return f"{number(value)} {unit}"
