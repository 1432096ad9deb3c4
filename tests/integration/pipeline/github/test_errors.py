"""GitHub's failures reach the pipeline as autofix's errors, marked retryable or not."""

from __future__ import annotations

import socket

import pytest
from pydantic import SecretStr

from pipeline.errors import ConfigurationError, PermanentError, RateLimited, RetryableError
from pipeline.github.connection import Connection
from pipeline.github.credentials import StaticToken
from pipeline.github.pygithub_client import PyGithubClient
from standins.github import GitHubStandin
from standins.github.records import FaultRecord
from tests.integration.pipeline.github.conftest import fast_connection
from tests.integration.standins.github.standin_setup import REPO


async def test_a_missing_repository_is_permanent(client: PyGithubClient) -> None:
    with pytest.raises(PermanentError, match="404") as caught:
        await client.repo_info("acme/nope")
    assert not caught.value.retryable


async def test_bad_credentials_are_a_configuration_problem(standin: GitHubStandin) -> None:
    client = PyGithubClient(fast_connection(standin), StaticToken(SecretStr("wrong")))
    try:
        with pytest.raises(ConfigurationError, match="401"):
            await client.repo_info(REPO)
    finally:
        client.close()


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_retryable(
    client: PyGithubClient, standin: GitHubStandin, status: int
) -> None:
    standin.control.inject_fault(FaultRecord(method="GET", path=f"^/repos/{REPO}$", status=status))
    with pytest.raises(RetryableError, match=str(status)):
        await client.repo_info(REPO)


async def test_an_exhausted_quota_says_when_to_come_back(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    reset = 2_000_000_000
    fault = FaultRecord(
        method="GET",
        path=f"^/repos/{REPO}$",
        status=403,
        message="API rate limit exceeded for user ID 1.",
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
    )
    standin.control.inject_fault(fault)
    with pytest.raises(RateLimited) as caught:
        await client.repo_info(REPO)
    assert caught.value.retry_after is not None
    assert caught.value.retry_after > 60


async def test_a_429_honours_retry_after(client: PyGithubClient, standin: GitHubStandin) -> None:
    fault = FaultRecord(
        method="POST",
        path="/reactions$",
        status=429,
        message="You have exceeded a secondary rate limit.",
        headers={"Retry-After": "7"},
    )
    standin.control.inject_fault(fault)
    with pytest.raises(RateLimited) as caught:
        await client.react(REPO, 12345, "eyes")
    assert caught.value.retry_after == 7


async def test_an_unreachable_github_is_retryable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    connection = Connection(
        api_url=f"http://127.0.0.1:{port}/api/v3",
        timeout_seconds=2,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )
    client = PyGithubClient(connection, StaticToken(SecretStr("t")))
    try:
        with pytest.raises(RetryableError, match="could not reach GitHub"):
            await client.repo_info(REPO)
    finally:
        client.close()


async def test_a_validation_failure_carries_githubs_message(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    standin.control.push_files(REPO, "autofix/a", {"x.txt": "x"})
    with pytest.raises(PermanentError, match="422: Validation Failed; PullRequest base invalid"):
        await client.ensure_draft_pr(
            REPO, head_branch="autofix/a", base="no-such", title="T", body=""
        )
