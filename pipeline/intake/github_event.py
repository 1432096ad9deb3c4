"""GitHub deliveries autofix acts on, parsed leniently into typed events.

Real payloads vary (older captures lack newer fields; ``created_at`` is sometimes a number),
so only the fields we use are read, and a missing optional field is never an error.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from pipeline.intake.railway_event import PayloadError

COMMAND_PREFIX = "/autofix"


class CommentCommand(BaseModel):
    """A comment on a pull request whose lines include an ``/autofix`` command."""

    kind: Literal["comment"] = "comment"
    delivery_id: str
    repo: str
    pr_number: int
    comment_id: int
    comment_type: Literal["issue", "review"]
    author: str
    author_association: str | None = None
    command_line: str
    installation_id: int | None = None


class PullRequestClosed(BaseModel):
    """A pull request was closed, merged or not."""

    kind: Literal["pr_closed"] = "pr_closed"
    delivery_id: str
    repo: str
    pr_number: int
    merged: bool
    merge_commit_sha: str | None = None
    head_ref: str | None = None
    installation_id: int | None = None


GitHubEvent = CommentCommand | PullRequestClosed


def parse_github_event(event: str, delivery_id: str, payload: dict[str, Any]) -> GitHubEvent | str:
    """A typed event, or the reason this delivery needs no action."""
    action = payload.get("action")
    if event in ("issue_comment", "pull_request_review_comment"):
        if action != "created":
            return f"comment {action or 'event'}: only new comments carry commands"
        return _comment(event, delivery_id, payload)
    if event == "pull_request":
        if action != "closed":
            return f"pull_request {action}: only closing matters to autofix"
        pr = _obj(payload, "pull_request")
        return PullRequestClosed(
            delivery_id=delivery_id,
            repo=_repo(payload),
            pr_number=_int(pr.get("number") or payload.get("number"), "pull_request.number"),
            merged=bool(pr.get("merged")) or bool(pr.get("merged_at")),
            merge_commit_sha=_opt_str(pr.get("merge_commit_sha")),
            head_ref=_opt_str(_obj(pr, "head").get("ref")),
            installation_id=_installation(payload),
        )
    return f"event {event!r} is not one autofix acts on"


def command_line(body: str) -> str | None:
    """The first line starting with ``/autofix`` (case-insensitive), or None."""
    for line in body.splitlines():
        stripped = line.strip().strip("`").strip()
        if stripped.lower().startswith(COMMAND_PREFIX) and (
            len(stripped) == len(COMMAND_PREFIX) or stripped[len(COMMAND_PREFIX)].isspace()
        ):
            return stripped
    return None


def is_bot(user: dict[str, Any], comment: dict[str, Any]) -> bool:
    """GitHub Apps and bot accounts, including autofix itself."""
    login = str(user.get("login") or "")
    return (
        user.get("type") == "Bot"
        or login.lower().endswith("[bot]")
        or comment.get("performed_via_github_app") is not None
    )


def _comment(event: str, delivery_id: str, payload: dict[str, Any]) -> CommentCommand | str:
    comment = _obj(payload, "comment")
    user = _obj(comment, "user")
    if event == "issue_comment" and not _obj(payload, "issue").get("pull_request"):
        return "comment on an issue, not a pull request"
    if is_bot(user, comment):
        return "comment by a bot"
    line = command_line(str(comment.get("body") or ""))
    if line is None:
        return "no /autofix command in the comment"
    number = (
        _obj(payload, "issue").get("number")
        if event == "issue_comment"
        else _obj(payload, "pull_request").get("number")
    )
    return CommentCommand(
        delivery_id=delivery_id,
        repo=_repo(payload),
        pr_number=_int(number, "pull request number"),
        comment_id=_int(comment.get("id"), "comment.id"),
        comment_type="issue" if event == "issue_comment" else "review",
        author=str(user.get("login") or ""),
        author_association=_opt_str(comment.get("author_association")),
        command_line=line[:500],
        installation_id=_installation(payload),
    )


def _repo(payload: dict[str, Any]) -> str:
    name = _obj(payload, "repository").get("full_name")
    if not isinstance(name, str) or "/" not in name:
        raise PayloadError("repository.full_name is missing")
    return name


def _installation(payload: dict[str, Any]) -> int | None:
    value = _obj(payload, "installation").get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _obj(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PayloadError(f"'{key}' must be an object")
    return value


def _int(value: Any, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**53:
        return value
    raise PayloadError(f"{name} must be a positive integer")


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
