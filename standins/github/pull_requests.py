"""Pull request rules of the stand-in: creating, finding, editing, merging, closing."""

from __future__ import annotations

from typing import Literal

from standins.github.api_errors import ApiError, invalid
from standins.github.records import PullRecord, RepoRecord, now
from standins.github.world import World

PullState = Literal["open", "closed", "all"]


def create_pull(
    world: World,
    repo: RepoRecord,
    user: str,
    *,
    title: str | None,
    body: str | None,
    head: str,
    base: str,
    draft: bool = False,
) -> PullRecord:
    """Open a pull request of ``head`` into ``base``, refusing a second open one for ``head``."""
    if not title:
        raise invalid("PullRequest", "title", "missing_field")
    head_ref = _own_branch(repo, head)
    head_sha = world.git.resolve(repo.full_name, f"refs/heads/{head_ref}")
    base_sha = world.git.resolve(repo.full_name, f"refs/heads/{base}")
    if head_sha is None:
        raise invalid("PullRequest", "head")
    if base_sha is None:
        raise invalid("PullRequest", "base")
    if any(p.head_ref == head_ref for p in _open_pulls(world, repo)):
        label = f"{repo.owner}:{head_ref}"
        raise invalid("PullRequest", "head", message=f"A pull request already exists for {label}.")
    if world.git.is_ancestor(repo.full_name, head_sha, base_sha):
        raise invalid("PullRequest", "head", message=f"No commits between {base} and {head_ref}")
    pull = PullRecord(
        id=world.next_id(),
        repo=repo.full_name,
        number=world.take_number(repo),
        user=user,
        title=title,
        body=body,
        head_ref=head_ref,
        head_sha=head_sha,
        base_ref=base,
        base_sha=base_sha,
        draft=draft,
    )
    world.pulls[(repo.full_name, pull.number)] = pull
    return pull


def list_pulls(
    world: World,
    repo: RepoRecord,
    *,
    state: PullState = "open",
    head: str | None = None,
    base: str | None = None,
) -> list[PullRecord]:
    """Pull requests matching the filters, newest first.

    ``head`` filters only as ``owner:branch``; a bare branch name is ignored, as on GitHub.
    """
    found = [p for p in world.pulls.values() if p.repo == repo.full_name]
    if state != "all":
        found = [p for p in found if p.state == state]
    if head is not None and ":" in head:
        owner, _, branch = head.partition(":")
        same_owner = owner.lower() == repo.owner.lower()
        found = [p for p in found if same_owner and p.head_ref == branch]
    if base is not None:
        found = [p for p in found if p.base_ref == base]
    for pull in found:
        refresh_head(world, pull)
    return sorted(found, key=lambda p: p.number, reverse=True)


def refresh_head(world: World, pull: PullRecord) -> None:
    """Follow pushes to an open pull request's branch, as GitHub does."""
    if pull.state != "open":
        return
    sha = world.git.resolve(pull.repo, f"refs/heads/{pull.head_ref}")
    if sha is not None and sha != pull.head_sha:
        pull.head_sha = sha
        pull.updated_at = now()


def update_pull(
    world: World,
    pull: PullRecord,
    *,
    title: str | None = None,
    body: str | None = None,
    state: Literal["open", "closed"] | None = None,
    base: str | None = None,
) -> PullRecord:
    """Edit title, body, base or state of ``pull``."""
    if pull.merged and state == "open":
        raise invalid("PullRequest", "state", message="Cannot reopen a merged pull request")
    if base is not None and world.git.resolve(pull.repo, f"refs/heads/{base}") is None:
        raise invalid("PullRequest", "base")
    if title is not None:
        pull.title = title
    if body is not None:
        pull.body = body
    if base is not None:
        pull.base_ref = base
    if state is not None and state != pull.state:
        pull.state = state
        pull.closed_at = now() if state == "closed" else None
    pull.updated_at = now()
    refresh_head(world, pull)
    return pull


def merge_pull(world: World, pull: PullRecord, merged_by: str) -> PullRecord:
    """Merge ``pull`` into its base with a real merge commit, and close it."""
    if pull.state != "open":
        raise ApiError(405, "Pull Request is not mergeable")
    refresh_head(world, pull)
    message = f"Merge pull request #{pull.number} from {pull.repo.split('/')[0]}/{pull.head_ref}"
    sha = world.git.merge(pull.repo, pull.base_ref, pull.head_sha, message)
    stamp = now()
    pull.merged, pull.merged_by, pull.merge_commit_sha = True, merged_by, sha
    pull.state, pull.merged_at, pull.closed_at, pull.updated_at = "closed", stamp, stamp, stamp
    return pull


def _open_pulls(world: World, repo: RepoRecord) -> list[PullRecord]:
    return [p for p in world.pulls.values() if p.repo == repo.full_name and p.state == "open"]


def _own_branch(repo: RepoRecord, head: str) -> str:
    owner, sep, branch = head.rpartition(":")
    if not sep:
        return head
    # Forks are out of the stand-in's scope; GitHub says the same for an unknown fork.
    if owner.lower() != repo.owner.lower():
        raise invalid("PullRequest", "head")
    return branch
