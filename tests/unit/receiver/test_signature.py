from __future__ import annotations

import pytest

from receiver.signature import sign, verify

# GitHub's documented test vector (docs: "Validating webhook deliveries").
SECRET = "It's a Secret to Everybody"
PAYLOAD = b"Hello, World!"
EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def test_matches_githubs_test_vector() -> None:
    assert sign(SECRET, PAYLOAD) == EXPECTED


@pytest.mark.parametrize(
    ("header", "ok"),
    [
        (EXPECTED, True),
        (EXPECTED + "\n", True),
        (None, False),
        ("", False),
        (EXPECTED.replace("sha256=", "sha1="), False),
        (EXPECTED[:-1] + "0", False),
        ("sha256=" + "0" * 64, False),
    ],
)
def test_verify(header: str | None, ok: bool) -> None:
    assert verify(SECRET, PAYLOAD, header) is ok


def test_body_is_signed_as_raw_bytes() -> None:
    assert not verify(SECRET, PAYLOAD + b" ", EXPECTED)
