from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.railway.sampling import sample_rate_for


@pytest.mark.parametrize(
    ("window", "rate"),
    [
        (timedelta(minutes=30), 30),
        (timedelta(hours=1), 30),
        (timedelta(hours=2), 60),
        (timedelta(hours=24), 240),
        (timedelta(days=3), 3600),
        (timedelta(days=30), 14400),
    ],
)
def test_sample_rate_for(window: timedelta, rate: int) -> None:
    assert sample_rate_for(window) == rate
