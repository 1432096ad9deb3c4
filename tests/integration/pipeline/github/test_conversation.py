"""Status comments edited in place, reactions, and reports that find their earlier issue."""

from __future__ import annotations

import httpx
import pytest

from pipeline.github.markers import marker
from pipeline.github.pygithub_client import PyGithubClient
from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT, BOT_TOKEN, REPO


@pytest.fixture
def pr_number(standin: GitHubStandin) -> int:
    """An open pull request to talk on."""
    standin.control.push_files(REPO, "autofix/x", {"app/main.py": "fixed\n"})
    standin.control.add_user("alice")
    return _open(standin)


def _open(standin: GitHubStandin) -> int:
    # Opened as the bot through the API, like autofix would.
    answer = httpx.post(
        f"{standin.api_url}/repos/{REPO}/pulls",
        json={"title": "Fix", "head": "autofix/x", "base": "main", "draft": True},
        headers={"Authorization": f"token {BOT_TOKEN}"},
    )
    number: int = answer.json()["number"]
    return number


async def test_the_status_comment_is_edited_in_place(
    client: PyGithubClient, standin: GitHubStandin, pr_number: int
) -> None:
    first = await client.upsert_comment(REPO, pr_number, "Analysing…", key="status")
    second = await client.upsert_comment(REPO, pr_number, "Fix pushed.", key="status")
    assert second.id == first.id
    [only] = standin.control.comments(REPO, pr_number)
    assert only.body.startswith("Fix pushed.")
    assert marker("status") in only.body
    assert second.author == BOT


async def test_different_keys_make_different_comments(
    client: PyGithubClient, standin: GitHubStandin, pr_number: int
) -> None:
    await client.upsert_comment(REPO, pr_number, "one", key="status")
    await client.upsert_comment(REPO, pr_number, "two", key="verification")
    assert len(standin.control.comments(REPO, pr_number)) == 2


async def test_someone_elses_comment_with_our_marker_is_not_touched(
    client: PyGithubClient, standin: GitHubStandin, pr_number: int
) -> None:
    quoted = f"quoting the bot {marker('status')}"
    standin.control.post_comment(REPO, pr_number, "alice", quoted)
    await client.upsert_comment(REPO, pr_number, "ours", key="status")
    bodies = {c.user: c.body for c in standin.control.comments(REPO, pr_number)}
    assert bodies["alice"] == quoted
    assert bodies[BOT].startswith("ours")


async def test_reacting_twice_keeps_one_reaction(
    client: PyGithubClient, standin: GitHubStandin, pr_number: int
) -> None:
    command = standin.control.post_comment(REPO, pr_number, "alice", "/autofix rerun")
    await client.react(REPO, command.id, "eyes")
    await client.react(REPO, command.id, "eyes")
    await client.react(REPO, command.id, "rocket")
    reactions = standin.control.reactions(REPO)
    assert sorted((r.content, r.user, r.subject) for r in reactions) == [
        ("eyes", BOT, "issue_comment"),
        ("rocket", BOT, "issue_comment"),
    ]


async def test_reacting_to_a_review_comment(
    client: PyGithubClient, standin: GitHubStandin, pr_number: int
) -> None:
    command = standin.control.post_review_comment(
        REPO, pr_number, "alice", "/autofix rerun", path="app/main.py"
    )
    await client.react(REPO, command.id, "+1", kind="review_comment")
    [reaction] = standin.control.reactions(REPO)
    assert (reaction.subject, reaction.comment_id, reaction.content) == (
        "review_comment",
        command.id,
        "+1",
    )


async def test_a_report_opens_an_issue_once_then_comments_on_it(
    client: PyGithubClient, standin: GitHubStandin, pr_number: int
) -> None:
    first = await client.report(
        REPO, key="incident/42", title="Cannot fix automatically", body="Details", update="again"
    )
    second = await client.report(
        REPO,
        key="incident/42",
        title="Cannot fix automatically",
        body="Details",
        update="Seen again",
    )
    assert (first.created_issue, second.created_issue) == (True, False)
    assert second.issue.number == first.issue.number
    assert second.comment is not None
    assert second.comment.body == "Seen again"
    [issue] = standin.control.issues(REPO)
    assert issue.body is not None
    assert marker("incident/42") in issue.body


async def test_a_report_for_another_key_opens_another_issue(
    client: PyGithubClient, standin: GitHubStandin
) -> None:
    await client.report(REPO, key="incident/1", title="A", body="a", update="a")
    await client.report(REPO, key="incident/2", title="B", body="b", update="b")
    assert [i.title for i in standin.control.issues(REPO)] == ["A", "B"]
