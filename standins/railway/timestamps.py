"""Times as Railway writes and reads them."""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(text: str) -> float:
    """Unix seconds of an RFC 3339 / ISO 8601 time (``Z`` or an offset; naive means UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def rfc3339(seconds: float) -> str:
    """``2026-01-02T03:04:05.123456789Z``: the nanosecond form Railway uses for log times."""
    whole = int(seconds // 1)
    nanos = round((seconds - whole) * 1_000_000) * 1000
    base = datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return f"{base}.{nanos:09d}Z"


def iso_millis(seconds: float) -> str:
    """``2026-01-02T03:04:05.123Z``: how Railway writes ``DateTime`` fields."""
    moment = datetime.fromtimestamp(seconds, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
