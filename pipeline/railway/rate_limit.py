"""Railway's rate-limit headers, read into how long to wait.

Railway sends ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset`` on
responses and ``Retry-After`` once the quota is exhausted (docs: integrations/api, "Rate limits").
"""

from __future__ import annotations

from collections.abc import Mapping
from email.utils import parsedate_to_datetime

from pydantic import BaseModel, ConfigDict

# A reset value above this is an absolute Unix time, below it a number of seconds to wait;
# the docs do not say which Railway sends, so both are accepted.
_EPOCH_THRESHOLD = 1_000_000_000
_MILLIS_THRESHOLD = 1_000_000_000_000

# Used when a 429 carries no usable header at all: long enough not to hammer the API.
DEFAULT_RETRY_AFTER = 60.0


class RateLimitStatus(BaseModel):
    """The quota Railway reported on its last response."""

    model_config = ConfigDict(frozen=True)

    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str], now: float) -> RateLimitStatus:
        """Read the ``X-RateLimit-*`` headers; missing or garbled ones are ``None``."""
        return cls(
            limit=_int(headers.get("x-ratelimit-limit")),
            remaining=_int(headers.get("x-ratelimit-remaining")),
            reset_at=_reset_at(headers.get("x-ratelimit-reset"), now),
        )

    @property
    def exhausted(self) -> bool:
        """True when Railway said no requests are left in this window."""
        return self.remaining is not None and self.remaining <= 0


def retry_after_seconds(headers: Mapping[str, str], now: float) -> float:
    """Seconds to wait after a 429: ``Retry-After``, else the quota reset, else a default."""
    given = _retry_after(headers.get("retry-after"), now)
    if given is not None:
        return given
    status = RateLimitStatus.from_headers(headers, now)
    if status.reset_at is not None:
        return max(0.0, status.reset_at - now)
    return DEFAULT_RETRY_AFTER


def _retry_after(value: str | None, now: float) -> float | None:
    if value is None:
        return None
    seconds = _float(value)
    if seconds is not None:
        return max(0.0, seconds)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _reset_at(value: str | None, now: float) -> float | None:
    number = _float(value)
    if number is None:
        return None
    if number >= _MILLIS_THRESHOLD:
        return number / 1000.0
    if number >= _EPOCH_THRESHOLD:
        return number
    return now + number


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.strip())
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return None if number is None else int(number)
