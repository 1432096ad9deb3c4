"""Opening and reading pull requests; exactly one per branch, whatever GitHub's answers did."""

from __future__ import annotations

import pytest

from pipeline.errors import PermanentError, RetryableError
from pipeline.github.pygithub_client import PyGithubClient
from standins.github import GitHubStandin
from standins.github.records import FaultRecord
from tests.integration.standins.github.standin_setup import REPO

BRANCH = "autofix/incident-7"


@pytest.fixture(autouse=True)
def _branch(standin: GitHubStandin) -> None:
    standin.control.push_files(REPO, BRANCH, {"app/main.py": "def handler():\n    return 1\n"})


async def _ensure(client: PyGithubClient, title: str = "Fix ZeroDivisionError") -> int:
    pull = await client.ensure_draft_pr(
        REPO, head_branch=BRANCH, base="main", title=title, body="Why and how."
    )
    return pull.number


async def test_a_new_branch_gets_a_draft_pull_request(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    pull = await client.ensure_draft_pr(
        REPO, head_branch=BRANCH, base="main", title="Fix it", body="Because."
    )
    assert (pull.draft, pull.state, pull.merged) == (True, "open", False)
    assert (pull.head_ref, pull.base_ref, pull.title) == (BRANCH, "main", "Fix it")
    assert pull.head_sha == standin.control.branch_sha(REPO, BRANCH)
    assert pull.html_url.endswith(f"/acme/shop/pull/{pull.number}")


async def test_a_second_call_updates_the_same_pull_request(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    first = await _ensure(client)
    second = await client.ensure_draft_pr(
        REPO, head_branch=BRANCH, base="main", title="Better title", body="More detail."
    )
    assert second.number == first
    assert (second.title, second.body) == ("Better title", "More detail.")
    [only] = standin.control.pulls(REPO)
    assert (only.title, only.body) == ("Better title", "More detail.")


async def test_a_502_before_github_acted_creates_exactly_one_on_the_retry(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    standin.control.inject_fault(FaultRecord(method="POST", path=r"/pulls$", status=502))
    with pytest.raises(RetryableError):
        await _ensure(client)
    assert standin.control.pulls(REPO) == []
    number = await _ensure(client)
    assert [p.number for p in standin.control.pulls(REPO)] == [number]


async def test_a_502_after_github_acted_still_leaves_exactly_one(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    fault = FaultRecord(method="POST", path=r"/pulls$", status=502, after_effect=True)
    standin.control.inject_fault(fault)
    number = await _ensure(client)
    assert [p.number for p in standin.control.pulls(REPO)] == [number]
    posts = [
        e for e in standin.control.exchanges() if e.method == "POST" and e.path.endswith("/pulls")
    ]
    assert len(posts) == 1, "PyGithub must not retry the POST by itself"


async def test_another_branchs_pull_request_is_left_alone(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    standin.control.push_files(REPO, "feature/other", {"x.txt": "x"})
    await client.ensure_draft_pr(
        REPO, head_branch="feature/other", base="main", title="Other", body=""
    )
    number = await _ensure(client)
    titles = {p.number: p.title for p in standin.control.pulls(REPO)}
    assert titles[number] == "Fix ZeroDivisionError"
    assert sorted(titles.values()) == ["Fix ZeroDivisionError", "Other"]


async def test_a_closed_pull_request_is_not_reused(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    closed = await _ensure(client)
    standin.control.close_pull(REPO, closed)
    reopened = await _ensure(client)
    assert reopened != closed
    assert len(standin.control.pulls(REPO)) == 2


async def test_get_pr_reports_the_merge(client: PyGithubClient, standin: GitHubStandin) -> None:
    number = await _ensure(client)
    merged = standin.control.merge_pull(REPO, number, merged_by="alice")
    pull = await client.get_pr(REPO, number)
    assert (pull.state, pull.merged, pull.merge_commit_sha) == (
        "closed",
        True,
        merged.merge_commit_sha,
    )


async def test_a_branch_github_does_not_have_is_permanent(client: PyGithubClient) -> None:
    with pytest.raises(PermanentError, match="422"):
        await client.ensure_draft_pr(
            REPO, head_branch="autofix/never-pushed", base="main", title="T", body=""
        )


async def test_repo_info(client: PyGithubClient, standin: GitHubStandin) -> None:
    info = await client.repo_info(REPO)
    assert (info.full_name, info.default_branch, info.private) == (REPO, "main", False)
    assert info.clone_url == standin.clone_url(REPO)
