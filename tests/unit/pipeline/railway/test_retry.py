from __future__ import annotations

import pytest

from pipeline.errors import RateLimited, RetryableError
from pipeline.railway.retry import RetryPolicy

POLICY = RetryPolicy(max_attempts=3, base_delay=0.5, max_wait=5.0)


@pytest.mark.parametrize(
    ("error", "attempt", "expected"),
    [
        (RetryableError("5xx"), 1, 0.5),
        (RetryableError("5xx"), 2, 1.0),
        (RetryableError("5xx"), 3, None),
        (RateLimited("429", retry_after=2.0), 1, 2.0),
        (RateLimited("429", retry_after=60.0), 1, None),
        (RateLimited("429", retry_after=2.0), 3, None),
    ],
)
def test_delay(error: RetryableError, attempt: int, expected: float | None) -> None:
    assert POLICY.delay(error, attempt) == expected


def test_backoff_is_capped_by_max_wait() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=1.0, max_wait=3.0)
    assert policy.delay(RetryableError("x"), 6) == 3.0
