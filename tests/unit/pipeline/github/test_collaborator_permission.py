"""Reading a role out of GitHub's collaborator-permission answer."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.github._convert import collaborator_permission
from pipeline.github.models import Permission


def _flags(**on: bool) -> dict[str, bool]:
    names = ("admin", "maintain", "push", "triage", "pull")
    return {name: on.get(name, False) for name in names}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"permission": "write", "role_name": "maintain", "user": None}, Permission.MAINTAIN),
        ({"permission": "read", "role_name": "triage", "user": None}, Permission.TRIAGE),
        ({"permission": "admin", "role_name": "admin", "user": None}, Permission.ADMIN),
        ({"permission": "none", "role_name": "none", "user": None}, Permission.NONE),
        # A custom role: its flags say what it grants.
        (
            {
                "permission": "write",
                "role_name": "deployer",
                "user": {"permissions": _flags(push=True, pull=True)},
            },
            Permission.WRITE,
        ),
        # An older answer without role_name falls back to the legacy level.
        ({"permission": "write"}, Permission.WRITE),
        ({"permission": "read"}, Permission.READ),
        ({"permission": "something-new"}, Permission.NONE),
    ],
)
def test_level(answer: dict[str, Any], expected: Permission) -> None:
    assert collaborator_permission(answer).level() == expected
