from __future__ import annotations

import pytest

from pipeline.durable import retry_delay


@pytest.mark.parametrize(
    ("job_try", "rand", "expected"),
    [
        (1, 0.0, 2.5),  # half of base
        (1, 1.0, 5.0),  # full base
        (2, 1.0, 10.0),
        (3, 0.5, 15.0),  # 20 * 0.75
        (10, 1.0, 300.0),  # capped
        (0, 1.0, 5.0),
    ],
)
def test_retry_delay(job_try: int, rand: float, expected: float) -> None:
    assert retry_delay(job_try, base=5.0, cap=300.0, rand=lambda: rand) == pytest.approx(expected)
