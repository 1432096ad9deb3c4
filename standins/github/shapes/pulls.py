"""Pull requests as ``pull-request-simple`` (lists) and ``pull-request`` (one)."""

from __future__ import annotations

from typing import Any

from standins.github.records import PullRecord, RepoRecord
from standins.github.shapes._format import node_id, stamp
from standins.github.shapes.repos import repository
from standins.github.shapes.users import simple_user
from standins.github.urls import Urls
from standins.github.world import World


def pull_simple(urls: Urls, world: World, pull: PullRecord) -> dict[str, Any]:
    """The form ``GET /pulls`` lists."""
    repo = world.repo(*pull.repo.split("/", 1))
    api = f"{urls.repo(pull.repo)}/pulls/{pull.number}"
    issue = f"{urls.repo(pull.repo)}/issues/{pull.number}"
    html = urls.html(f"{pull.repo}/pull/{pull.number}")
    statuses = f"{urls.repo(pull.repo)}/statuses/{pull.head_sha}"
    author = world.accounts.add_user(pull.user)
    return {
        "url": api,
        "id": pull.id,
        "node_id": node_id("PullRequest", pull.id),
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "issue_url": issue,
        "commits_url": f"{api}/commits",
        "review_comments_url": f"{api}/comments",
        "review_comment_url": f"{urls.repo(pull.repo)}/pulls/comments{{/number}}",
        "comments_url": f"{issue}/comments",
        "statuses_url": statuses,
        "number": pull.number,
        "state": pull.state,
        "locked": False,
        "title": pull.title,
        "user": simple_user(urls, author),
        "body": pull.body,
        "labels": [],
        "milestone": None,
        "active_lock_reason": None,
        "created_at": stamp(pull.created_at),
        "updated_at": stamp(pull.updated_at),
        "closed_at": stamp(pull.closed_at),
        "merged_at": stamp(pull.merged_at),
        "merge_commit_sha": pull.merge_commit_sha,
        "assignee": None,
        "assignees": [],
        "requested_reviewers": [],
        "requested_teams": [],
        "head": _branch(urls, world, repo, pull.head_ref, pull.head_sha),
        "base": _branch(urls, world, repo, pull.base_ref, pull.base_sha),
        "_links": {
            "self": {"href": api},
            "html": {"href": html},
            "issue": {"href": issue},
            "comments": {"href": f"{issue}/comments"},
            "review_comments": {"href": f"{api}/comments"},
            "review_comment": {"href": f"{urls.repo(pull.repo)}/pulls/comments{{/number}}"},
            "commits": {"href": f"{api}/commits"},
            "statuses": {"href": statuses},
        },
        "author_association": world.association(repo, pull.user),
        "auto_merge": None,
        "draft": pull.draft,
    }


def pull_request(urls: Urls, world: World, pull: PullRecord) -> dict[str, Any]:
    """The full form ``GET``/``POST``/``PATCH`` of one pull request answer with."""
    merged_by = world.accounts.user(pull.merged_by) if pull.merged_by else None
    comments = [c for c in world.comments.values() if c.repo == pull.repo]
    reviews = [c for c in world.review_comments.values() if c.repo == pull.repo]
    return {
        **pull_simple(urls, world, pull),
        "merged": pull.merged,
        "mergeable": None if pull.state == "closed" else True,
        "rebaseable": None if pull.state == "closed" else True,
        "mergeable_state": "unknown" if pull.state == "closed" else "clean",
        "merged_by": simple_user(urls, merged_by) if merged_by else None,
        "comments": sum(1 for c in comments if c.issue_number == pull.number),
        "review_comments": sum(1 for c in reviews if c.pull_number == pull.number),
        "maintainer_can_modify": False,
        "commits": 1,
        "additions": 0,
        "deletions": 0,
        "changed_files": 0,
    }


def _branch(urls: Urls, world: World, repo: RepoRecord, ref: str, sha: str) -> dict[str, Any]:
    owner = world.accounts.add_user(repo.owner)
    return {
        "label": f"{repo.owner}:{ref}",
        "ref": ref,
        "sha": sha,
        "user": simple_user(urls, owner),
        "repo": repository(urls, repo, owner),
    }
