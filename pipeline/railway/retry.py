"""How long one client call keeps trying before it hands the failure to the pipeline."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from config.railway import RailwaySettings
from pipeline.errors import RetryableError

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RetryPolicy:
    """A short, bounded in-call retry; longer waits belong to the pipeline's durable retry."""

    max_attempts: int = 3
    base_delay: float = 0.5
    max_wait: float = 5.0
    sleep: Sleep = field(default=asyncio.sleep, repr=False)

    @classmethod
    def from_settings(cls, settings: RailwaySettings, sleep: Sleep = asyncio.sleep) -> RetryPolicy:
        """The policy configured by ``RAILWAY_MAX_ATTEMPTS`` and ``RAILWAY_MAX_WAIT_SECONDS``."""
        return cls(
            max_attempts=settings.railway_max_attempts,
            max_wait=settings.railway_max_wait_seconds,
            sleep=sleep,
        )

    def delay(self, error: RetryableError, attempt: int) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` to raise ``error`` now."""
        if attempt >= self.max_attempts:
            return None
        asked: float | None = error.retry_after
        if asked is not None:
            # Railway said how long; waiting less would only earn another 429.
            return asked if asked <= self.max_wait else None
        return min(self.base_delay * 2.0 ** (attempt - 1), self.max_wait)
