"""A clone of the repository for one incident, on the branch ``autofix/<incident-id>``.

``prepare`` is safe to run twice: an existing clone is fetched and reset, and an existing
remote branch (a previous attempt's) is checked out so a new attempt adds to the same PR.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from pydantic import BaseModel

from pipeline.github.models import GitCredentials
from pipeline.workspace.diff_policy import FileChange
from pipeline.workspace.git import GitError, git


class Checkout(BaseModel):
    """Where the clone is and what it started from."""

    path: str
    branch: str
    base_branch: str
    start_sha: str
    branch_existed: bool


def branch_for(incident_id: str) -> str:
    """The branch every attempt of an incident works on."""
    return f"autofix/{incident_id}"


async def prepare(
    root: Path,
    *,
    incident_id: str,
    clone_url: str,
    base_branch: str,
    credentials: GitCredentials,
) -> Checkout:
    """Clone (or refresh) and check out the incident's branch."""
    path = root / incident_id
    branch = branch_for(incident_id)
    if not (path / ".git").is_dir():
        shutil.rmtree(path, ignore_errors=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        await git(["clone", "--no-tags", clone_url, str(path)], credentials=credentials)
    await git(
        ["fetch", "--no-tags", "--prune", clone_url, "+refs/heads/*:refs/remotes/origin/*"],
        cwd=path,
        credentials=credentials,
    )
    remote_branches = await git(["branch", "-r", "--list", f"origin/{branch}"], cwd=path)
    existed = bool(remote_branches.strip())
    start_point = f"origin/{branch}" if existed else f"origin/{base_branch}"
    await git(["checkout", "-B", branch, start_point], cwd=path)
    await git(["reset", "--hard", start_point], cwd=path)
    await git(["clean", "-fdx"], cwd=path)
    sha = (await git(["rev-parse", "HEAD"], cwd=path)).strip()
    return Checkout(
        path=str(path),
        branch=branch,
        base_branch=base_branch,
        start_sha=sha,
        branch_existed=existed,
    )


async def stage_all(checkout: Checkout) -> str:
    """Stage every change and return the patch against the start commit (commits included)."""
    path = Path(checkout.path)
    await git(["add", "--all"], cwd=path)
    return await git(
        ["diff", "--cached", "--no-color", "--no-ext-diff", checkout.start_sha], cwd=path
    )


async def changed_files(checkout: Checkout) -> list[FileChange]:
    """Each staged change against the start commit, with its line counts."""
    path = Path(checkout.path)
    numstat = await git(
        ["diff", "--cached", "--numstat", "--no-renames", checkout.start_sha], cwd=path
    )
    status = await git(
        ["diff", "--cached", "--name-status", "--no-renames", checkout.start_sha], cwd=path
    )
    states: dict[str, str] = {}
    for line in status.splitlines():
        state, _, name = line.partition("\t")
        states[name] = state
    out = []
    for line in numstat.splitlines():
        added, deleted, name = line.split("\t", 2)
        out.append(
            FileChange(
                status=states.get(name, "M"), path=name, added=_num(added), deleted=_num(deleted)
            )
        )
    return out


async def commit_and_push(
    checkout: Checkout,
    *,
    message: str,
    author_name: str,
    author_email: str,
    clone_url: str,
    credentials: GitCredentials,
) -> str:
    """Commit what is staged as one commit on top of the start commit, push it, return its sha."""
    path = Path(checkout.path)
    # Squash anything the agent committed itself into one commit authored by autofix.
    await git(["reset", "--soft", checkout.start_sha], cwd=path)
    identity = ["-c", f"user.name={author_name}", "-c", f"user.email={author_email}"]
    await git([*identity, "commit", "--no-verify", "--no-gpg-sign", "-m", message], cwd=path)
    sha = (await git(["rev-parse", "HEAD"], cwd=path)).strip()
    # The refspec is ours, never the agent's: only the incident branch can be written.
    await git(
        ["push", clone_url, f"HEAD:refs/heads/{checkout.branch}"], cwd=path, credentials=credentials
    )
    return sha


def _num(value: str) -> int:
    return int(value) if value.isdigit() else 0


async def revert(checkout: Checkout, commit: str) -> str | None:
    """Revert ``commit`` in the working tree, uncommitted; None if clean, else the reason."""
    path = Path(checkout.path)
    try:
        await git(["cat-file", "-e", f"{commit}^{{commit}}"], cwd=path)
    except GitError:
        return f"commit {commit} is not in the repository"
    parents = (await git(["rev-list", "--parents", "-n", "1", commit], cwd=path)).split()
    mainline = ["-m", "1"] if len(parents) > 2 else []
    try:
        await git(["revert", "--no-commit", *mainline, commit], cwd=path)
    except GitError as exc:
        with contextlib.suppress(GitError):
            await git(["revert", "--abort"], cwd=path)
        return f"reverting {commit[:12]} does not apply cleanly: {exc.message[:300]}"
    return None
