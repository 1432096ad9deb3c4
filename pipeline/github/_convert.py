"""PyGithub objects into autofix's models, reading only fields the list endpoints already carry.

Reading a field a PyGithub object lacks makes it fetch the whole object again; ``merged`` is
missing from listed pull requests, so it is derived from ``merged_at`` instead.
"""

from __future__ import annotations

from typing import Any, Literal, cast

from github.Issue import Issue as GhIssue
from github.IssueComment import IssueComment as GhIssueComment
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository as GhRepository
from pydantic import BaseModel

from pipeline.github.models import Issue, IssueComment, Permission, PullRequest, RepoInfo

_ROLE_FLAGS = (
    ("admin", Permission.ADMIN),
    ("maintain", Permission.MAINTAIN),
    ("push", Permission.WRITE),
    ("triage", Permission.TRIAGE),
    ("pull", Permission.READ),
)


def repo_info(repo: GhRepository) -> RepoInfo:
    """A repository's essentials."""
    return RepoInfo(
        full_name=repo.full_name,
        default_branch=repo.default_branch,
        clone_url=repo.clone_url,
        html_url=repo.html_url,
        private=repo.private,
    )


def pull_request(pull: GhPullRequest) -> PullRequest:
    """A pull request from the list or the single-object endpoint."""
    return PullRequest(
        number=pull.number,
        html_url=pull.html_url,
        title=pull.title,
        body=pull.body,
        state=cast(Literal["open", "closed"], pull.state),
        draft=bool(pull.draft),
        merged=pull.merged_at is not None,
        merge_commit_sha=pull.merge_commit_sha,
        head_ref=pull.head.ref,
        head_sha=pull.head.sha,
        base_ref=pull.base.ref,
    )


def issue_comment(comment: GhIssueComment, issue_number: int) -> IssueComment:
    """A conversation comment."""
    return IssueComment(
        id=comment.id,
        issue_number=issue_number,
        body=comment.body,
        author=comment.user.login if comment.user else "",
        html_url=comment.html_url,
    )


def issue(item: GhIssue) -> Issue:
    """An issue."""
    return Issue(
        number=item.number,
        html_url=item.html_url,
        title=item.title,
        state=cast(Literal["open", "closed"], item.state),
    )


class _Collaborator(BaseModel):
    permissions: dict[str, bool] = {}


class CollaboratorPermission(BaseModel):
    """GitHub's answer to "what may this user do here"."""

    permission: str
    role_name: str = ""
    user: _Collaborator | None = None

    def level(self) -> Permission:
        """The role: the base role by name, else the strongest flag, else the legacy level."""
        if self.role_name in {p.value for p in Permission}:
            return Permission(self.role_name)
        flags = self.user.permissions if self.user is not None else {}
        for flag, level in _ROLE_FLAGS:
            if flags.get(flag):
                return level
        legacy = {"admin": Permission.ADMIN, "write": Permission.WRITE, "read": Permission.READ}
        return legacy.get(self.permission, Permission.NONE)


def collaborator_permission(data: Any) -> CollaboratorPermission:
    """Parse ``repository-collaborator-permission``."""
    return CollaboratorPermission.model_validate(data)
