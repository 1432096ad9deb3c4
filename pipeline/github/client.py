"""``GitHubClient``: everything the pipeline asks of GitHub, as a small typed interface.

Every method is safe to call again after a failure: writes look for what an earlier attempt
may already have made (by branch, by hidden marker) before making anything new.
"""

from __future__ import annotations

from typing import Protocol

from pipeline.github.models import (
    CommentKind,
    GitCredentials,
    IssueComment,
    Permission,
    PullRequest,
    ReactionContent,
    RepoInfo,
    Report,
)


class GitHubClient(Protocol):
    """GitHub as the pipeline sees it; ``repo`` is always ``owner/name``."""

    async def repo_info(self, repo: str) -> RepoInfo:
        """Default branch, clone URL and name of ``repo``."""
        ...

    async def ensure_draft_pr(
        self, repo: str, *, head_branch: str, base: str, title: str, body: str
    ) -> PullRequest:
        """The open pull request of ``head_branch``: updated if it exists, else a new draft."""
        ...

    async def get_pr(self, repo: str, number: int) -> PullRequest:
        """Pull request ``number``."""
        ...

    async def upsert_comment(self, repo: str, number: int, body: str, *, key: str) -> IssueComment:
        """The comment marked ``key`` on issue or PR ``number``, edited in place or created."""
        ...

    async def react(
        self,
        repo: str,
        comment_id: int,
        content: ReactionContent,
        *,
        kind: CommentKind = "issue_comment",
    ) -> None:
        """React to a conversation comment or a review comment; repeating it changes nothing."""
        ...

    async def permission_of(self, repo: str, login: str) -> Permission:
        """``login``'s role on ``repo``; NONE when GitHub will not say (fails closed)."""
        ...

    async def report(self, repo: str, *, key: str, title: str, body: str, update: str) -> Report:
        """Open an issue marked ``key``, or comment ``update`` on the open one that has it."""
        ...

    async def git_credentials(self, repo: str) -> GitCredentials:
        """A token for cloning and pushing ``repo`` over HTTPS, valid for a while yet."""
        ...
