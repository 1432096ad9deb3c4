"""Issue operations: issues, conversation comments and reactions to comments."""

from __future__ import annotations

from typing import Literal, cast

from starlette.routing import Route

from standins.github.api_errors import ApiError, invalid
from standins.github.conversations import (
    Subject,
    add_comment,
    create_issue,
    edit_comment,
    find_issue,
    list_comments,
    list_issues,
    list_reactions,
    react,
)
from standins.github.endpoint import Call, Reply, endpoint, paginate
from standins.github.shapes.issues import issue, issue_comment, reaction


def list_(call: Call) -> Reply:
    """``issues/list-for-repo``: issues and pull requests, filtered."""
    state = call.query("state") or "open"
    if state not in ("open", "closed", "all"):
        raise invalid("Issue", "state")
    labels = [name for name in (call.query("labels") or "").split(",") if name]
    found = list_issues(
        call.world,
        call.repo(),
        state=cast(Literal["open", "closed", "all"], state),
        creator=call.query("creator"),
        labels=labels,
    )
    return paginate(call, [issue(call.urls, call.world, item) for item in found])


def create(call: Call) -> Reply:
    """``issues/create``."""
    labels = call.field("labels")
    record = create_issue(
        call.world,
        call.repo(),
        call.login,
        title=call.field("title"),
        body=call.field("body"),
        labels=[str(name) for name in labels] if isinstance(labels, list) else None,
    )
    return Reply(201, issue(call.urls, call.world, record))


def get(call: Call) -> Reply:
    """``issues/get``."""
    found = find_issue(call.world, call.repo(), call.number("issue_number"))
    return Reply(200, issue(call.urls, call.world, found))


def list_comments_(call: Call) -> Reply:
    """``issues/list-comments``."""
    found = list_comments(call.world, call.repo(), call.number("issue_number"))
    return paginate(call, [issue_comment(call.urls, call.world, c) for c in found])


def create_comment(call: Call) -> Reply:
    """``issues/create-comment``."""
    body = call.field("body")
    repo = call.repo()
    comment = add_comment(
        call.world,
        repo,
        call.number("issue_number"),
        call.login,
        body if isinstance(body, str) else "",
    )
    return Reply(201, issue_comment(call.urls, call.world, comment))


def get_comment(call: Call) -> Reply:
    """``issues/get-comment``."""
    comment = call.world.comment(call.repo(), call.number("comment_id"))
    return Reply(200, issue_comment(call.urls, call.world, comment))


def update_comment(call: Call) -> Reply:
    """``issues/update-comment``."""
    comment = call.world.comment(call.repo(), call.number("comment_id"))
    body = call.field("body")
    edit_comment(call.world, comment, call.login, body if isinstance(body, str) else "")
    return Reply(200, issue_comment(call.urls, call.world, comment))


def list_issue_comment_reactions(call: Call) -> Reply:
    """``reactions/list-for-issue-comment``."""
    repo = call.repo()
    comment_id = call.number("comment_id")
    call.world.comment(repo, comment_id)
    found = list_reactions(call.world, repo, "issue_comment", comment_id)
    content = call.query("content")
    found = [r for r in found if content is None or r.content == content]
    return paginate(call, [reaction(call.urls, call.world, r) for r in found])


def react_to_issue_comment(call: Call) -> Reply:
    """``reactions/create-for-issue-comment``: 201 when new, 200 when it already existed."""
    return _react(call, "issue_comment")


def react_to_review_comment(call: Call) -> Reply:
    """``reactions/create-for-pull-request-review-comment``: 201 new, 200 existing."""
    return _react(call, "review_comment")


def _react(call: Call, subject: Subject) -> Reply:
    repo = call.repo()
    content = call.field("content")
    if not isinstance(content, str):
        raise invalid("Reaction", "content", "missing_field")
    if repo.private and not call.world.can(repo, call.login, "read"):
        raise ApiError(403, "Resource not accessible by personal access token")
    record, created = react(
        call.world, repo, subject, call.number("comment_id"), call.login, content
    )
    return Reply(201 if created else 200, reaction(call.urls, call.world, record))


_REPO = "/repos/{owner}/{repo}"

ROUTES = [
    Route(f"{_REPO}/issues", endpoint(list_), methods=["GET"]),
    Route(f"{_REPO}/issues", endpoint(create), methods=["POST"]),
    Route(f"{_REPO}/issues/comments/{{comment_id}}", endpoint(get_comment), methods=["GET"]),
    Route(f"{_REPO}/issues/comments/{{comment_id}}", endpoint(update_comment), methods=["PATCH"]),
    Route(
        f"{_REPO}/issues/comments/{{comment_id}}/reactions",
        endpoint(list_issue_comment_reactions),
        methods=["GET"],
    ),
    Route(
        f"{_REPO}/issues/comments/{{comment_id}}/reactions",
        endpoint(react_to_issue_comment),
        methods=["POST"],
    ),
    Route(
        f"{_REPO}/pulls/comments/{{comment_id}}/reactions",
        endpoint(react_to_review_comment),
        methods=["POST"],
    ),
    Route(f"{_REPO}/issues/{{issue_number}}", endpoint(get), methods=["GET"]),
    Route(f"{_REPO}/issues/{{issue_number}}/comments", endpoint(list_comments_), methods=["GET"]),
    Route(f"{_REPO}/issues/{{issue_number}}/comments", endpoint(create_comment), methods=["POST"]),
]
