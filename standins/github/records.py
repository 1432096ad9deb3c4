"""What the GitHub stand-in remembers: users, repositories, pull requests, comments, reactions.

Records hold only facts; the JSON GitHub would answer with is rendered from them by ``shapes``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

Role = Literal["admin", "maintain", "write", "triage", "read"]
ReactionContent = Literal["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]
UserType = Literal["User", "Bot", "Organization"]

ROLE_RANK: dict[str, int] = {"read": 1, "triage": 2, "write": 3, "maintain": 4, "admin": 5}


def now() -> datetime:
    """The current time, to the second, as GitHub reports it."""
    return datetime.now(UTC).replace(microsecond=0)


class UserRecord(BaseModel):
    """An account: a person, a bot or an organisation."""

    id: int
    login: str
    type: UserType = "User"
    name: str | None = None
    created_at: datetime = Field(default_factory=now)


class RepoRecord(BaseModel):
    """A repository; its git data lives in a bare repository on disk."""

    id: int
    owner: str
    name: str
    default_branch: str = "main"
    private: bool = False
    description: str | None = None
    roles: dict[str, Role] = Field(default_factory=dict)
    next_number: int = 1
    created_at: datetime = Field(default_factory=now)
    pushed_at: datetime = Field(default_factory=now)

    @computed_field  # type: ignore[prop-decorator]  # pydantic's documented property form
    @property
    def full_name(self) -> str:
        """``owner/name``."""
        return f"{self.owner}/{self.name}"


class PullRecord(BaseModel):
    """A pull request; its head commit is read from git when rendered while it is open."""

    id: int
    repo: str
    number: int
    user: str
    title: str
    body: str | None
    head_ref: str
    head_sha: str
    base_ref: str
    base_sha: str
    draft: bool = False
    state: Literal["open", "closed"] = "open"
    merged: bool = False
    merged_by: str | None = None
    merge_commit_sha: str | None = None
    merged_at: datetime | None = None
    closed_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class IssueRecord(BaseModel):
    """An issue that is not a pull request."""

    id: int
    repo: str
    number: int
    user: str
    title: str
    body: str | None
    labels: list[str] = Field(default_factory=list)
    state: Literal["open", "closed"] = "open"
    closed_at: datetime | None = None
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class CommentRecord(BaseModel):
    """A comment in the conversation of an issue or a pull request."""

    id: int
    repo: str
    issue_number: int
    user: str
    body: str
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class ReviewCommentRecord(BaseModel):
    """A comment on a line of a pull request's diff."""

    id: int
    repo: str
    pull_number: int
    user: str
    body: str
    path: str
    line: int
    commit_id: str
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class ReactionRecord(BaseModel):
    """An emoji reaction of one user to one comment."""

    id: int
    repo: str
    subject: Literal["issue_comment", "review_comment"]
    comment_id: int
    user: str
    content: ReactionContent
    created_at: datetime = Field(default_factory=now)


class InstallationRecord(BaseModel):
    """An installation of the stand-in's GitHub App on an account."""

    id: int
    account: str
    repos: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=now)


class TokenRecord(BaseModel):
    """A credential the API and git accept; installation tokens expire."""

    token: str
    login: str
    installation_id: int | None = None
    expires_at: datetime | None = None


class FaultRecord(BaseModel):
    """An injected failure: the next ``times`` matching API requests get ``status``.

    With ``after_effect`` the request is carried out first and only its answer is lost,
    like a proxy timing out after GitHub already created the pull request.
    """

    method: str
    path: str = Field(description="Regular expression matched against the path after /api/v3.")
    status: int = 502
    times: int = 1
    message: str = "Server Error"
    headers: dict[str, str] = Field(default_factory=dict)
    after_effect: bool = False


class ExchangeRecord(BaseModel):
    """One API request and the answer it got."""

    method: str
    path: str
    query: str
    status: int
    caller: str | None
    request_json: Any = None
    response_json: Any = None
    injected: bool = Field(False, description="The answer came from an injected fault.")
