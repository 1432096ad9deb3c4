"""How finely to sample a metrics window, as Railway's dashboard and CLI do."""

from __future__ import annotations

from datetime import timedelta

# (longest window, sample rate in seconds), from the CLI's compute_sample_rate.
_RATES: tuple[tuple[timedelta, int], ...] = (
    (timedelta(hours=1), 30),
    (timedelta(hours=6), 60),
    (timedelta(hours=24), 240),
    (timedelta(days=7), 3600),
)
_LONGEST_RATE = 14400


def sample_rate_for(window: timedelta) -> int:
    """Seconds between points for a window of this length."""
    for longest, rate in _RATES:
        if window <= longest:
            return rate
    return _LONGEST_RATE
