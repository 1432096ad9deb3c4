from __future__ import annotations

import pytest

from pipeline.railway.rate_limit import DEFAULT_RETRY_AFTER, RateLimitStatus, retry_after_seconds

NOW = 1_750_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after": "Mon, 16 Jun 2025 15:07:00 GMT"}, 1_750_086_420.0 - NOW),
        ({"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 30)}, 30.0),
        ({"x-ratelimit-reset": str(int(NOW + 12) * 1000)}, 12.0),
        ({"x-ratelimit-reset": "45"}, 45.0),
        ({"retry-after": "3", "x-ratelimit-reset": str(int(NOW) + 900)}, 3.0),
        ({"retry-after": "soon"}, DEFAULT_RETRY_AFTER),
        ({}, DEFAULT_RETRY_AFTER),
        ({"x-ratelimit-reset": str(int(NOW) - 10)}, 0.0),
    ],
)
def test_retry_after_seconds(headers: dict[str, str], expected: float) -> None:
    assert retry_after_seconds(headers, NOW) == pytest.approx(expected)


def test_status_reads_the_quota_headers() -> None:
    status = RateLimitStatus.from_headers(
        {"x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "60"},
        NOW,
    )
    assert (status.limit, status.remaining, status.reset_at) == (1000, 0, NOW + 60)
    assert status.exhausted


def test_status_without_headers_is_not_exhausted() -> None:
    assert not RateLimitStatus.from_headers({}, NOW).exhausted
