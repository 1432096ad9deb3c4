"""Issues, comments and reactions of the stand-in.

Every pull request is an issue, but not every issue is a pull request: conversation comments
of both live under ``/issues/{number}/comments`` and share one numbering.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

from standins.github.api_errors import ApiError, invalid, not_found
from standins.github.records import (
    CommentRecord,
    IssueRecord,
    PullRecord,
    ReactionContent,
    ReactionRecord,
    RepoRecord,
    ReviewCommentRecord,
    now,
)
from standins.github.world import World

IssueLike = IssueRecord | PullRecord
Subject = Literal["issue_comment", "review_comment"]


def create_issue(
    world: World,
    repo: RepoRecord,
    user: str,
    *,
    title: str | None,
    body: str | None,
    labels: list[str] | None = None,
) -> IssueRecord:
    """Open an issue."""
    if not title:
        raise invalid("Issue", "title", "missing_field")
    issue = IssueRecord(
        id=world.next_id(),
        repo=repo.full_name,
        number=world.take_number(repo),
        user=user,
        title=title,
        body=body,
        labels=list(labels or []),
    )
    world.issues[(repo.full_name, issue.number)] = issue
    return issue


def find_issue(world: World, repo: RepoRecord, number: int) -> IssueLike:
    """Issue or pull request ``number``, or 404."""
    key = (repo.full_name, number)
    found: IssueLike | None = world.issues.get(key) or world.pulls.get(key)
    if found is None:
        raise not_found()
    return found


def list_issues(
    world: World,
    repo: RepoRecord,
    *,
    state: Literal["open", "closed", "all"] = "open",
    creator: str | None = None,
    labels: list[str] | None = None,
) -> list[IssueLike]:
    """Issues and pull requests of ``repo`` matching the filters, newest first."""
    items: list[IssueLike] = [i for i in world.issues.values() if i.repo == repo.full_name]
    items += [p for p in world.pulls.values() if p.repo == repo.full_name]
    if state != "all":
        items = [i for i in items if i.state == state]
    if creator is not None:
        items = [i for i in items if i.user.lower() == creator.lower()]
    if labels:
        items = [i for i in items if isinstance(i, IssueRecord) and set(labels) <= set(i.labels)]
    return sorted(items, key=lambda i: (i.created_at, i.id), reverse=True)


def add_comment(world: World, repo: RepoRecord, number: int, user: str, body: str) -> CommentRecord:
    """Comment on issue or pull request ``number``."""
    if not body:
        raise invalid("IssueComment", "body", "missing_field")
    find_issue(world, repo, number)
    comment = CommentRecord(
        id=world.next_id(), repo=repo.full_name, issue_number=number, user=user, body=body
    )
    world.comments[comment.id] = comment
    return comment


def list_comments(world: World, repo: RepoRecord, number: int) -> list[CommentRecord]:
    """The conversation of issue or pull request ``number``, oldest first."""
    find_issue(world, repo, number)
    found = [c for c in world.comments.values() if c.repo == repo.full_name]
    return sorted((c for c in found if c.issue_number == number), key=lambda c: c.id)


def edit_comment(world: World, comment: CommentRecord, user: str, body: str) -> CommentRecord:
    """Replace a comment's body; only its author or a writer may."""
    repo = world.repo(*comment.repo.split("/", 1))
    if user.lower() != comment.user.lower() and not world.can(repo, user, "write"):
        raise ApiError(403, "Resource not accessible by personal access token")
    if not body:
        raise invalid("IssueComment", "body", "missing_field")
    comment.body = body
    comment.updated_at = now()
    return comment


def add_review_comment(
    world: World, pull: PullRecord, user: str, body: str, path: str, line: int
) -> ReviewCommentRecord:
    """Comment on ``line`` of ``path`` in the pull request's diff."""
    comment = ReviewCommentRecord(
        id=world.next_id(),
        repo=pull.repo,
        pull_number=pull.number,
        user=user,
        body=body,
        path=path,
        line=line,
        commit_id=pull.head_sha,
    )
    world.review_comments[comment.id] = comment
    return comment


def react(
    world: World, repo: RepoRecord, subject: Subject, comment_id: int, user: str, content: str
) -> tuple[ReactionRecord, bool]:
    """Add ``user``'s reaction; True when new, False when it already existed."""
    if subject == "issue_comment":
        world.comment(repo, comment_id)
    else:
        world.review_comment(repo, comment_id)
    if content not in get_args(ReactionContent):
        raise invalid("Reaction", "content")
    for existing in list_reactions(world, repo, subject, comment_id):
        if existing.user.lower() == user.lower() and existing.content == content:
            return existing, False
    reaction = ReactionRecord(
        id=world.next_id(),
        repo=repo.full_name,
        subject=subject,
        comment_id=comment_id,
        user=user,
        content=cast(ReactionContent, content),
    )
    world.reactions.append(reaction)
    return reaction, True


def list_reactions(
    world: World, repo: RepoRecord, subject: Subject, comment_id: int
) -> list[ReactionRecord]:
    """Reactions to one comment, oldest first."""
    return [
        r
        for r in world.reactions
        if r.repo == repo.full_name and r.subject == subject and r.comment_id == comment_id
    ]
