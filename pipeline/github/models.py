"""What the GitHub client returns: small frozen models, never PyGithub objects or raw dicts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, SecretStr

ReactionContent = Literal["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]
CommentKind = Literal["issue_comment", "review_comment"]

_RANK = {"none": 0, "read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}


class Permission(StrEnum):
    """A user's role on a repository, from least to most."""

    NONE = "none"
    READ = "read"
    TRIAGE = "triage"
    WRITE = "write"
    MAINTAIN = "maintain"
    ADMIN = "admin"

    def at_least(self, other: Permission) -> bool:
        """True when this role includes everything ``other`` may do."""
        return _RANK[self.value] >= _RANK[other.value]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class RepoInfo(_Frozen):
    """A repository: where to clone it from and which branch fixes go into."""

    full_name: str
    default_branch: str
    clone_url: str
    html_url: str
    private: bool


class PullRequest(_Frozen):
    """A pull request as the pipeline needs it."""

    number: int
    html_url: str
    title: str
    body: str | None
    state: Literal["open", "closed"]
    draft: bool
    merged: bool
    merge_commit_sha: str | None
    head_ref: str
    head_sha: str
    base_ref: str


class IssueComment(_Frozen):
    """A comment in the conversation of an issue or pull request."""

    id: int
    issue_number: int
    body: str
    author: str
    html_url: str


class Issue(_Frozen):
    """An issue autofix opened or commented on to report something."""

    number: int
    html_url: str
    title: str
    state: Literal["open", "closed"]


class Report(_Frozen):
    """Where a report-only outcome ended up: a new issue, or a comment on an open one."""

    issue: Issue
    created_issue: bool
    comment: IssueComment | None


class GitCredentials(_Frozen):
    """HTTP Basic credentials for git: GitHub takes any user name with a token as password."""

    username: str = "x-access-token"
    token: SecretStr
    expires_at: datetime | None = None
