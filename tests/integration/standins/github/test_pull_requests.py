"""Pull requests on the stand-in behave like GitHub's, seen through PyGithub."""

from __future__ import annotations

import pytest
from github import Github, GithubException

from standins.github import GitHubStandin
from standins.github.records import FaultRecord
from tests.integration.standins.github.standin_setup import REPO


def _branch(standin: GitHubStandin, name: str) -> str:
    return standin.control.push_files(REPO, name, {"app/main.py": f"# {name}\n"})


def test_a_draft_pull_request_is_created_and_read_back(
    standin: GitHubStandin, github: Github
) -> None:
    head_sha = _branch(standin, "autofix/one")
    repo = github.get_repo(REPO)
    created = repo.create_pull(title="Fix", body="Why", head="autofix/one", base="main", draft=True)
    pull = repo.get_pull(created.number)
    assert (pull.draft, pull.state, pull.merged) == (True, "open", False)
    assert (pull.head.ref, pull.head.sha, pull.base.ref) == ("autofix/one", head_sha, "main")
    assert pull.user.login == "autofix-bot"


def test_the_head_filter_needs_the_owner_prefix(standin: GitHubStandin, github: Github) -> None:
    for name in ("autofix/one", "autofix/two"):
        _branch(standin, name)
        github.get_repo(REPO).create_pull(title=name, body="", head=name, base="main")
    repo = github.get_repo(REPO)
    assert [p.head.ref for p in repo.get_pulls(head="acme:autofix/one")] == ["autofix/one"]
    assert [p.head.ref for p in repo.get_pulls(head="someone-else:autofix/one")] == []
    # A bare branch name is silently ignored, as on GitHub: every open pull request comes back.
    assert len(list(repo.get_pulls(head="autofix/one"))) == 2


def test_a_second_pull_request_for_the_same_head_is_refused(
    standin: GitHubStandin, github: Github
) -> None:
    _branch(standin, "autofix/one")
    repo = github.get_repo(REPO)
    repo.create_pull(title="Fix", body="", head="autofix/one", base="main")
    with pytest.raises(GithubException) as caught:
        repo.create_pull(title="Fix again", body="", head="acme:autofix/one", base="main")
    assert caught.value.status == 422
    assert caught.value.data["errors"][0]["message"] == (
        "A pull request already exists for acme:autofix/one."
    )
    assert len(standin.control.pulls(REPO)) == 1


def test_a_branch_without_new_commits_cannot_be_proposed(
    standin: GitHubStandin, github: Github
) -> None:
    repo = github.get_repo(REPO)
    repo.create_git_ref("refs/heads/empty", repo.get_git_ref("heads/main").object.sha)
    with pytest.raises(GithubException) as caught:
        repo.create_pull(title="Nothing", body="", head="empty", base="main")
    assert "No commits between main and empty" in str(caught.value.data)


def test_merging_makes_a_real_merge_commit(standin: GitHubStandin, github: Github) -> None:
    _branch(standin, "autofix/one")
    number = (
        github.get_repo(REPO)
        .create_pull(title="F", body="", head="autofix/one", base="main")
        .number
    )
    merged = standin.control.merge_pull(REPO, number, merged_by="alice")
    pull = github.get_repo(REPO).get_pull(number)
    assert (pull.merged, pull.state, pull.merge_commit_sha) == (
        True,
        "closed",
        merged.merge_commit_sha,
    )
    assert standin.control.branch_sha(REPO, "main") == merged.merge_commit_sha
    assert standin.control.read_file(REPO, "main", "app/main.py") == b"# autofix/one\n"


def test_closing_without_merging(standin: GitHubStandin, github: Github) -> None:
    _branch(standin, "autofix/one")
    number = (
        github.get_repo(REPO)
        .create_pull(title="F", body="", head="autofix/one", base="main")
        .number
    )
    standin.control.close_pull(REPO, number)
    pull = github.get_repo(REPO).get_pull(number)
    assert (pull.state, pull.merged) == ("closed", False)
    assert pull.merge_commit_sha is None
    assert list(github.get_repo(REPO).get_pulls(head="acme:autofix/one")) == []


def test_editing_title_and_body(standin: GitHubStandin, github: Github) -> None:
    _branch(standin, "autofix/one")
    pull = github.get_repo(REPO).create_pull(title="F", body="old", head="autofix/one", base="main")
    pull.edit(title="Better", body="new")
    again = github.get_repo(REPO).get_pull(pull.number)
    assert (again.title, again.body) == ("Better", "new")


def test_a_push_moves_the_head_of_an_open_pull_request(
    standin: GitHubStandin, github: Github
) -> None:
    _branch(standin, "autofix/one")
    number = (
        github.get_repo(REPO)
        .create_pull(title="F", body="", head="autofix/one", base="main")
        .number
    )
    newer = standin.control.push_files(REPO, "autofix/one", {"app/extra.py": "x = 1\n"})
    assert github.get_repo(REPO).get_pull(number).head.sha == newer


def test_an_injected_502_before_the_effect_creates_nothing(
    standin: GitHubStandin, github: Github
) -> None:
    _branch(standin, "autofix/one")
    standin.control.inject_fault(FaultRecord(method="POST", path=r"/pulls$", status=502))
    with pytest.raises(GithubException) as caught:
        github.get_repo(REPO).create_pull(title="F", body="", head="autofix/one", base="main")
    assert caught.value.status == 502
    assert standin.control.pulls(REPO) == []


def test_an_injected_502_after_the_effect_loses_only_the_answer(
    standin: GitHubStandin, github: Github
) -> None:
    _branch(standin, "autofix/one")
    fault = FaultRecord(method="POST", path=r"/pulls$", status=502, after_effect=True)
    standin.control.inject_fault(fault)
    with pytest.raises(GithubException):
        github.get_repo(REPO).create_pull(title="F", body="", head="autofix/one", base="main")
    assert [p.head_ref for p in standin.control.pulls(REPO)] == ["autofix/one"]
