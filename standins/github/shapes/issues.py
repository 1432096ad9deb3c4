"""Issues, conversation comments, review comments and reactions."""

from __future__ import annotations

import zlib
from typing import Any, get_args

from standins.github.records import (
    CommentRecord,
    IssueRecord,
    PullRecord,
    ReactionContent,
    ReactionRecord,
    ReviewCommentRecord,
)
from standins.github.shapes._format import node_id, stamp
from standins.github.shapes.users import simple_user
from standins.github.urls import Urls
from standins.github.world import World


def issue(urls: Urls, world: World, item: IssueRecord | PullRecord) -> dict[str, Any]:
    """``issue``; a pull request seen through the issues API carries ``pull_request``."""
    repo = world.repo(*item.repo.split("/", 1))
    api = f"{urls.repo(item.repo)}/issues/{item.number}"
    author = world.accounts.add_user(item.user)
    comments = [c for c in world.comments.values() if c.repo == item.repo]
    out: dict[str, Any] = {
        "id": item.id,
        "node_id": node_id("Issue", item.id),
        "url": api,
        "repository_url": urls.repo(item.repo),
        "labels_url": f"{api}/labels{{/name}}",
        "comments_url": f"{api}/comments",
        "events_url": f"{api}/events",
        "html_url": urls.html(f"{item.repo}/issues/{item.number}"),
        "number": item.number,
        "state": item.state,
        "title": item.title,
        "body": item.body,
        "user": simple_user(urls, author),
        "labels": [_label(urls, item.repo, name) for name in _labels(item)],
        "assignee": None,
        "assignees": [],
        "milestone": None,
        "locked": False,
        "active_lock_reason": None,
        "comments": sum(1 for c in comments if c.issue_number == item.number),
        "closed_at": stamp(item.closed_at),
        "created_at": stamp(item.created_at),
        "updated_at": stamp(item.updated_at),
        "author_association": world.association(repo, item.user),
        "reactions": _rollup(f"{api}/reactions", []),
    }
    if item.state == "closed":
        # GitHub sends null while open, but the description's enum has no null: leave it out.
        out["state_reason"] = "completed"
    if isinstance(item, PullRecord):
        html = urls.html(f"{item.repo}/pull/{item.number}")
        out["html_url"] = html
        out["pull_request"] = {
            "url": f"{urls.repo(item.repo)}/pulls/{item.number}",
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "merged_at": stamp(item.merged_at),
        }
    return out


def issue_comment(urls: Urls, world: World, comment: CommentRecord) -> dict[str, Any]:
    """``issue-comment``."""
    repo = world.repo(*comment.repo.split("/", 1))
    api = f"{urls.repo(comment.repo)}/issues/comments/{comment.id}"
    reactions = [
        r for r in world.reactions if r.subject == "issue_comment" and r.comment_id == comment.id
    ]
    bot = comment.user.endswith("[bot]")
    return {
        "id": comment.id,
        "node_id": node_id("IssueComment", comment.id),
        "url": api,
        "html_url": urls.html(
            f"{comment.repo}/issues/{comment.issue_number}#issuecomment-{comment.id}"
        ),
        "body": comment.body,
        "user": simple_user(urls, world.accounts.add_user(comment.user, "Bot" if bot else "User")),
        "created_at": stamp(comment.created_at),
        "updated_at": stamp(comment.updated_at),
        "issue_url": f"{urls.repo(comment.repo)}/issues/{comment.issue_number}",
        "author_association": world.association(repo, comment.user),
        "performed_via_github_app": None,
        "reactions": _rollup(f"{api}/reactions", reactions),
    }


def review_comment(urls: Urls, world: World, comment: ReviewCommentRecord) -> dict[str, Any]:
    """``pull-request-review-comment``."""
    repo = world.repo(*comment.repo.split("/", 1))
    api = f"{urls.repo(comment.repo)}/pulls/comments/{comment.id}"
    pull_api = f"{urls.repo(comment.repo)}/pulls/{comment.pull_number}"
    html = urls.html(f"{comment.repo}/pull/{comment.pull_number}#discussion_r{comment.id}")
    reactions = [
        r for r in world.reactions if r.subject == "review_comment" and r.comment_id == comment.id
    ]
    return {
        "url": api,
        "id": comment.id,
        "node_id": node_id("PullRequestReviewComment", comment.id),
        "pull_request_review_id": comment.id,
        "diff_hunk": f"@@ -{comment.line},1 +{comment.line},1 @@",
        "path": comment.path,
        "line": comment.line,
        "side": "RIGHT",
        "commit_id": comment.commit_id,
        "original_commit_id": comment.commit_id,
        "user": simple_user(urls, world.accounts.add_user(comment.user)),
        "body": comment.body,
        "created_at": stamp(comment.created_at),
        "updated_at": stamp(comment.updated_at),
        "html_url": html,
        "pull_request_url": pull_api,
        "author_association": world.association(repo, comment.user),
        "_links": {
            "self": {"href": api},
            "html": {"href": html},
            "pull_request": {"href": pull_api},
        },
        "reactions": _rollup(f"{api}/reactions", reactions),
    }


def reaction(urls: Urls, world: World, record: ReactionRecord) -> dict[str, Any]:
    """``reaction``."""
    return {
        "id": record.id,
        "node_id": node_id("Reaction", record.id),
        "user": simple_user(urls, world.accounts.add_user(record.user)),
        "content": record.content,
        "created_at": stamp(record.created_at),
    }


def _rollup(url: str, reactions: list[ReactionRecord]) -> dict[str, Any]:
    counts = {content: 0 for content in get_args(ReactionContent)}
    for record in reactions:
        counts[record.content] += 1
    return {"url": url, "total_count": len(reactions), **counts}


def _labels(item: IssueRecord | PullRecord) -> list[str]:
    return item.labels if isinstance(item, IssueRecord) else []


def _label(urls: Urls, full_name: str, name: str) -> dict[str, Any]:
    label_id = zlib.crc32(f"{full_name}/{name}".encode())
    return {
        "id": label_id,
        "node_id": node_id("Label", label_id),
        "url": f"{urls.repo(full_name)}/labels/{name}",
        "name": name,
        "description": None,
        "color": "ededed",
        "default": False,
    }
