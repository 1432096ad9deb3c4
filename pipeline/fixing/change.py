"""A proposed change as a patch, so it survives the loss of the worker that made it.

The agent (or a revert) edits a clone; the step stores the staged patch and the commit it
applies to. Pushing re-creates the clone anywhere and applies the patch, so a crash between
"the agent finished" and "the branch is pushed" costs a clone, not a second agent session.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from pipeline.github.models import GitCredentials
from pipeline.workspace.diff_policy import FileChange
from pipeline.workspace.git import git
from pipeline.workspace.workspace import (
    Checkout,
    changed_files,
    commit_and_push,
    prepare,
    stage_all,
)


class ProposedChange(BaseModel):
    """A staged change against ``start_sha``, and what it touched."""

    start_sha: str
    patch: str
    files: list[FileChange]
    explanation: str


async def capture(checkout: Checkout, explanation: str) -> ProposedChange:
    """Stage everything in the clone and keep it as a patch."""
    patch = await stage_all(checkout)
    files = await changed_files(checkout)
    return ProposedChange(
        start_sha=checkout.start_sha, patch=patch, files=files, explanation=explanation
    )


def run_trailer(run_id: str) -> str:
    """The commit trailer that marks a push as this run's (so a retried push is not doubled)."""
    return f"Autofix-Run: {run_id}"


async def push_change(
    root: Path,
    change: ProposedChange,
    *,
    incident_id: str,
    run_id: str,
    clone_url: str,
    base_branch: str,
    message: str,
    author: tuple[str, str],
    credentials: GitCredentials,
) -> str:
    """Apply the patch to a fresh checkout and push one commit; return its sha (idempotent)."""
    checkout = await prepare(
        root,
        incident_id=incident_id,
        clone_url=clone_url,
        base_branch=base_branch,
        credentials=credentials,
    )
    path = Path(checkout.path)
    if checkout.start_sha != change.start_sha:
        last = await git(["log", "-1", "--format=%B"], cwd=path)
        if run_trailer(run_id) in last:
            return checkout.start_sha  # pushed by an earlier try of this very step
        # Someone else moved the branch meanwhile: the patch goes on top, or fails loudly.
    await git(["apply", "--index", "--whitespace=nowarn", "-"], cwd=path, stdin=change.patch)
    return await commit_and_push(
        checkout,
        message=f"{message}\n\n{run_trailer(run_id)}",
        author_name=author[0],
        author_email=author[1],
        clone_url=clone_url,
        credentials=credentials,
    )
