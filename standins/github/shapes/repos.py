"""Repositories as ``repository`` (embedded in pull requests) and ``full-repository``."""

from __future__ import annotations

from typing import Any

from standins.github.records import RepoRecord, Role, UserRecord
from standins.github.shapes._format import node_id, stamp
from standins.github.shapes.users import permission_flags, simple_user
from standins.github.urls import Urls

# GitHub's URL templates relative to the repository's API URL (RFC 6570, as GitHub sends them).
_TEMPLATES = {
    "archive_url": "/{archive_format}{/ref}",
    "assignees_url": "/assignees{/user}",
    "blobs_url": "/git/blobs{/sha}",
    "branches_url": "/branches{/branch}",
    "collaborators_url": "/collaborators{/collaborator}",
    "comments_url": "/comments{/number}",
    "commits_url": "/commits{/sha}",
    "compare_url": "/compare/{base}...{head}",
    "contents_url": "/contents/{+path}",
    "contributors_url": "/contributors",
    "deployments_url": "/deployments",
    "downloads_url": "/downloads",
    "events_url": "/events",
    "forks_url": "/forks",
    "git_commits_url": "/git/commits{/sha}",
    "git_refs_url": "/git/refs{/sha}",
    "git_tags_url": "/git/tags{/sha}",
    "hooks_url": "/hooks",
    "issue_comment_url": "/issues/comments{/number}",
    "issue_events_url": "/issues/events{/number}",
    "issues_url": "/issues{/number}",
    "keys_url": "/keys{/key_id}",
    "labels_url": "/labels{/name}",
    "languages_url": "/languages",
    "merges_url": "/merges",
    "milestones_url": "/milestones{/number}",
    "notifications_url": "/notifications{?since,all,participating}",
    "pulls_url": "/pulls{/number}",
    "releases_url": "/releases{/id}",
    "stargazers_url": "/stargazers",
    "statuses_url": "/statuses/{sha}",
    "subscribers_url": "/subscribers",
    "subscription_url": "/subscription",
    "tags_url": "/tags",
    "teams_url": "/teams",
    "trees_url": "/git/trees{/sha}",
}


def repository(
    urls: Urls, repo: RepoRecord, owner: UserRecord, role: Role | None = None
) -> dict[str, Any]:
    """Every field ``repository`` and ``full-repository`` require; ``role`` is the caller's."""
    api = urls.repo(repo.full_name)
    host = urls.web.split("://", 1)[-1]
    created, pushed = stamp(repo.created_at), stamp(repo.pushed_at)
    return {
        "id": repo.id,
        "node_id": node_id("Repository", repo.id),
        "name": repo.name,
        "full_name": repo.full_name,
        "owner": simple_user(urls, owner),
        "private": repo.private,
        "visibility": "private" if repo.private else "public",
        "html_url": urls.html(repo.full_name),
        "description": repo.description,
        "fork": False,
        "url": api,
        **{field: api + template for field, template in _TEMPLATES.items()},
        "git_url": f"git://{host}/{repo.full_name}.git",
        "ssh_url": f"git@{host.split(':')[0]}:{repo.full_name}.git",
        "clone_url": urls.clone(repo.full_name),
        "svn_url": urls.html(repo.full_name),
        "mirror_url": None,
        "homepage": None,
        "language": None,
        "license": None,
        "forks": 0,
        "forks_count": 0,
        "stargazers_count": 0,
        "watchers": 0,
        "watchers_count": 0,
        "size": 0,
        "default_branch": repo.default_branch,
        "open_issues": 0,
        "open_issues_count": 0,
        "is_template": False,
        "topics": [],
        "has_issues": True,
        "has_projects": False,
        "has_wiki": False,
        "has_pages": False,
        "has_downloads": False,
        "has_discussions": False,
        "archived": False,
        "disabled": False,
        "pushed_at": pushed,
        "created_at": created,
        "updated_at": pushed,
        "permissions": permission_flags(role),
        "allow_merge_commit": True,
        "allow_squash_merge": True,
        "allow_rebase_merge": True,
        "allow_auto_merge": False,
        "delete_branch_on_merge": False,
        "allow_forking": True,
        "network_count": 0,
        "subscribers_count": 0,
    }
