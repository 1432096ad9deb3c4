from __future__ import annotations

import pytest

from pipeline.intake.github_event import command_line


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("/autofix rerun", "/autofix rerun"),
        ("/AutoFix status", "/AutoFix status"),
        (
            "thanks!\n/autofix rerun use a bounded LRU\nmore text",
            "/autofix rerun use a bounded LRU",
        ),
        ("  `/autofix cancel`  ", "/autofix cancel"),
        ("/autofix", "/autofix"),
        ("please /autofix rerun", None),
        ("/autofixer rerun", None),
        ("", None),
    ],
)
def test_command_line(body: str, expected: str | None) -> None:
    assert command_line(body) == expected
