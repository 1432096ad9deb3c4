"""Clone, branch, commit and push against the GitHub stand-in's real git server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from pipeline.errors import PermanentError
from pipeline.github.models import GitCredentials
from pipeline.workspace.workspace import changed_files, commit_and_push, prepare, stage_all
from standins.github import GitHubStandin

TOKEN = "ghs_workspace_test_token_0123456789"
REPO = "acme/shop"


@pytest.fixture
def github() -> Iterator[GitHubStandin]:
    with GitHubStandin() as server:
        server.control.create_repo(REPO, {"app.py": "CACHE = {}\n", "README.md": "# shop\n"})
        server.control.add_user("autofix-bot")
        server.control.add_token(TOKEN, "autofix-bot")
        server.control.set_role(REPO, "autofix-bot", "write")
        yield server


def creds(token: str = TOKEN) -> GitCredentials:
    return GitCredentials(token=SecretStr(token))


async def test_clone_commit_push_and_resume(github: GitHubStandin, tmp_path: Path) -> None:
    url = github.clone_url(REPO)
    checkout = await prepare(
        tmp_path, incident_id="inc_1", clone_url=url, base_branch="main", credentials=creds()
    )
    work = Path(checkout.path)
    assert checkout.branch == "autofix/inc_1"
    assert not checkout.branch_existed
    assert TOKEN not in (work / ".git" / "config").read_text()

    # Whatever the agent leaves in .git/hooks must not run while the token is in git's env.
    hook = work / ".git" / "hooks" / "pre-push"
    hook.write_text(f"#!/bin/sh\nenv > {tmp_path / 'leaked'}\n")
    hook.chmod(0o755)
    (work / "app.py").write_text("from functools import lru_cache\nCACHE = {}  # bounded below\n")

    patch = await stage_all(checkout)
    files = await changed_files(checkout)
    assert [(f.path, f.status) for f in files] == [("app.py", "M")]
    assert "+from functools import lru_cache" in patch
    sha = await commit_and_push(
        checkout,
        message="fix: bound the cache",
        author_name="autofix",
        author_email="a@x",
        clone_url=url,
        credentials=creds(),
    )
    assert not (tmp_path / "leaked").exists()
    assert github.control.branch_sha(REPO, "autofix/inc_1") == sha
    assert github.control.branch_sha(REPO, "main") != sha

    again = await prepare(
        tmp_path, incident_id="inc_1", clone_url=url, base_branch="main", credentials=creds()
    )
    assert again.branch_existed
    assert again.start_sha == sha


async def test_a_wrong_token_cannot_clone(github: GitHubStandin, tmp_path: Path) -> None:
    with pytest.raises(PermanentError, match="clone"):
        await prepare(
            tmp_path,
            incident_id="inc_2",
            clone_url=github.clone_url(REPO),
            base_branch="main",
            credentials=creds("nope"),
        )
