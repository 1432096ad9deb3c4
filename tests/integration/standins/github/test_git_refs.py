"""Branches through the git references API."""

from __future__ import annotations

from pathlib import Path

import pytest
from github import Github, GithubException

from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import REPO


def test_create_read_and_move_a_branch(standin: GitHubStandin, github: Github) -> None:
    repo = github.get_repo(REPO)
    main = repo.get_git_ref("heads/main").object.sha
    created = repo.create_git_ref("refs/heads/autofix/a/b", main)
    assert (created.ref, created.object.sha) == ("refs/heads/autofix/a/b", main)
    newer = standin.control.push_files(REPO, "scratch", {"n.txt": "n"})
    repo.get_git_ref("heads/autofix/a/b").edit(newer)
    assert standin.control.branch_sha(REPO, "autofix/a/b") == newer


def test_a_non_fast_forward_needs_force(standin: GitHubStandin, github: Github) -> None:
    repo = github.get_repo(REPO)
    main = repo.get_git_ref("heads/main").object.sha
    ahead = standin.control.push_files(REPO, "feature", {"n.txt": "n"})
    ref = repo.get_git_ref("heads/feature")
    with pytest.raises(GithubException) as caught:
        ref.edit(main)
    assert caught.value.status == 422
    ref.edit(main, force=True)
    assert standin.control.branch_sha(REPO, "feature") == main != ahead


def test_existing_and_malformed_refs_are_refused(standin: GitHubStandin, github: Github) -> None:
    repo = github.get_repo(REPO)
    main = repo.get_git_ref("heads/main").object.sha
    for ref, sha in [("refs/heads/main", main), ("main", main), ("refs/heads/x", "0" * 40)]:
        with pytest.raises(GithubException) as caught:
            repo.create_git_ref(ref, sha)
        assert caught.value.status == 422
    with pytest.raises(GithubException) as missing:
        repo.get_git_ref("heads/nope")
    assert missing.value.status == 404


def test_a_repository_from_a_folder(standin: GitHubStandin, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.py").write_text("print(1)\n")
    (tmp_path / "README.md").write_text("# demo\n")
    standin.control.create_repo("acme/from-folder", tmp_path, default_branch="trunk")
    assert standin.control.read_file("acme/from-folder", "trunk", "src/app.py") == b"print(1)\n"
    assert standin.control.branch_sha("acme/from-folder", "main") is None
