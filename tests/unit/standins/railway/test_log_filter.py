from __future__ import annotations

import pytest

from standins.railway.log_filter import Record, compile_filter

REQUEST = Record(
    text="POST /api/orders 500 upstream timeout",
    attributes={"httpStatus": 500, "method": "POST", "path": "/api/orders", "totalDuration": 1200},
)


@pytest.mark.parametrize(
    ("source", "matches"),
    [
        (None, True),
        ("", True),
        ("@httpStatus:>=500", True),
        ("@httpStatus:>500", False),
        ("@httpStatus:<=499", False),
        ("@httpStatus:500..599", True),
        ("@httpStatus:400..499", False),
        ("-@httpStatus:500", False),
        ("@method:post", True),
        ("@path:/api/orders AND @totalDuration:>=1000", True),
        ("@path:/api/orders @totalDuration:>=5000", False),
        ("@httpStatus:404 OR timeout", True),
        ("(@httpStatus:404 OR @httpStatus:502) AND timeout", False),
        ('"upstream timeout"', True),
        ('"timeout upstream"', False),
        ("TIMEOUT", True),
        ("@missing:1", False),
        # Not Railway's syntax: a text search that finds nothing, as the demo's filter did.
        ("status:>=400", False),
        ("(unbalanced", False),
    ],
)
def test_filter(source: str | None, matches: bool) -> None:
    assert compile_filter(source)(REQUEST) is matches
