"""Who may command autofix: permission levels, read from GitHub and failing closed."""

from __future__ import annotations

import pytest

from pipeline.errors import RetryableError
from pipeline.github.models import Permission
from pipeline.github.pygithub_client import PyGithubClient
from standins.github import GitHubStandin
from standins.github.records import FaultRecord, Role
from tests.integration.standins.github.standin_setup import REPO


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", Permission.ADMIN),
        ("maintain", Permission.MAINTAIN),
        ("write", Permission.WRITE),
        ("triage", Permission.TRIAGE),
        ("read", Permission.READ),
        (None, Permission.NONE),
    ],
)
async def test_roles_are_read_exactly(
    client: PyGithubClient, standin: GitHubStandin, role: Role | None, expected: Permission
) -> None:
    standin.control.set_role(REPO, "carol", role)
    assert await client.permission_of(REPO, "carol") == expected


async def test_the_owner_is_admin(client: PyGithubClient) -> None:
    assert await client.permission_of(REPO, "acme") == Permission.ADMIN


@pytest.mark.parametrize("login", ["nobody-here", "dependabot[bot]", "autofix[bot]"])
async def test_unknown_users_and_bots_have_none(client: PyGithubClient, login: str) -> None:
    assert await client.permission_of(REPO, login) == Permission.NONE


async def test_a_github_outage_is_not_taken_for_a_refusal(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    standin.control.set_role(REPO, "carol", "write")
    standin.control.inject_fault(FaultRecord(method="GET", path="/permission$", status=503))
    with pytest.raises(RetryableError):
        await client.permission_of(REPO, "carol")
    assert await client.permission_of(REPO, "carol") == Permission.WRITE


def test_levels_are_ordered() -> None:
    assert Permission.ADMIN.at_least(Permission.WRITE)
    assert Permission.MAINTAIN.at_least(Permission.WRITE)
    assert not Permission.TRIAGE.at_least(Permission.WRITE)
    assert Permission.NONE.at_least(Permission.NONE)


async def test_an_answer_without_a_permission_fails_closed(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    standin.control.set_role(REPO, "carol", "admin")
    odd = FaultRecord(method="GET", path="/permission$", status=200, message="not what we expect")
    standin.control.inject_fault(odd)
    assert await client.permission_of(REPO, "carol") == Permission.NONE
