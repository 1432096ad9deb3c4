"""Cloning and pushing over smart HTTP with the token as the password, as on GitHub."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT_TOKEN, REPO

# Never let git ask a terminal for credentials: a refusal must fail at once.
GIT_ENV = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}


def _git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "credential.helper=", *args],
        cwd=cwd,
        env=GIT_ENV,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )


def _url(standin: GitHubStandin, token: str | None) -> str:
    url = standin.clone_url(REPO)
    return url.replace("http://", f"http://x-access-token:{token}@") if token else url


def test_clone_with_the_token(standin: GitHubStandin, tmp_path: Path) -> None:
    done = _git("clone", "--quiet", _url(standin, BOT_TOKEN), str(tmp_path / "w"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "w" / "app" / "main.py").read_text().startswith("def handler")


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_clone_without_a_valid_token_is_refused(
    standin: GitHubStandin, tmp_path: Path, token: str | None
) -> None:
    done = _git("clone", "--quiet", _url(standin, token), str(tmp_path / "w"))
    assert done.returncode != 0
    assert not (tmp_path / "w" / "README.md").exists()


def test_push_with_the_token_creates_the_branch(standin: GitHubStandin, tmp_path: Path) -> None:
    work = tmp_path / "w"
    assert _git("clone", "--quiet", _url(standin, BOT_TOKEN), str(work)).returncode == 0
    _commit(work, "autofix/fix-1")
    done = _git("push", "--quiet", "origin", "autofix/fix-1", cwd=work)
    assert done.returncode == 0, done.stderr
    head = _git("rev-parse", "HEAD", cwd=work).stdout.strip()
    assert standin.control.branch_sha(REPO, "autofix/fix-1") == head
    assert standin.control.read_file(REPO, "autofix/fix-1", "app/main.py") == b"fixed\n"


def test_push_needs_write_permission(standin: GitHubStandin, tmp_path: Path) -> None:
    standin.control.add_token("reader-token", "rita")
    standin.control.set_role(REPO, "rita", "read")
    work = tmp_path / "w"
    assert _git("clone", "--quiet", _url(standin, "reader-token"), str(work)).returncode == 0
    _commit(work, "autofix/fix-1")
    done = _git("push", "--quiet", "origin", "autofix/fix-1", cwd=work)
    assert done.returncode != 0
    assert standin.control.branch_sha(REPO, "autofix/fix-1") is None


def test_an_unknown_repository_is_not_found(standin: GitHubStandin, tmp_path: Path) -> None:
    url = _url(standin, BOT_TOKEN).replace("shop.git", "nope.git")
    done = _git("clone", "--quiet", url, str(tmp_path / "w"))
    assert done.returncode != 0
    assert "not found" in done.stderr.lower()


def _commit(work: Path, branch: str) -> None:
    assert _git("checkout", "--quiet", "-b", branch, cwd=work).returncode == 0
    (work / "app" / "main.py").write_text("fixed\n")
    identity = ["-c", "user.name=autofix", "-c", "user.email=autofix@example.invalid"]
    assert _git(*identity, "commit", "--quiet", "-am", "Fix", cwd=work).returncode == 0
