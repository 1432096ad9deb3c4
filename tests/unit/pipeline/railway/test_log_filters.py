from __future__ import annotations

import pytest

from pipeline.railway import log_filters as f


@pytest.mark.parametrize(
    ("built", "expected"),
    [
        (f.SERVER_ERRORS, "@httpStatus:>=500"),
        (f.http_status_at_least(400), "@httpStatus:>=400"),
        (f.http_status_between(500, 599), "@httpStatus:500..599"),
        (f.slower_than(1000), "@totalDuration:>=1000"),
        (f.attribute("level", "error"), "@level:error"),
        (f.attribute("logger", "shop api"), '@logger:"shop api"'),
        (f.phrase('say "hi"'), '"say \\"hi\\""'),
        (
            f.all_of(f.SERVER_ERRORS, f.attribute("path", "/api")),
            "@httpStatus:>=500 AND @path:/api",
        ),
        (f.any_of("timeout", f.phrase("connection refused")), 'timeout OR "connection refused"'),
        (f.all_of(f.any_of("a", "b"), "c"), "(a OR b) AND c"),
        (f.excluding(f.attribute("path", "/health")), "-@path:/health"),
        (f.excluding(f.any_of("a", "b")), "-(a OR b)"),
    ],
)
def test_filters(built: str, expected: str) -> None:
    assert built == expected
