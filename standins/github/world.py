"""The stand-in's whole state, and the lookups every operation shares.

One re-entrant lock guards it: the API serves from uvicorn's thread while tests reach in from
theirs. Operations live in their own modules (``pull_requests``, ``conversations``, ``refs``).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Mapping
from pathlib import Path

from standins.github.accounts import Accounts
from standins.github.api_errors import ApiError, not_found
from standins.github.bare_repos import BareRepos
from standins.github.faults import FaultPlan
from standins.github.records import (
    ROLE_RANK,
    CommentRecord,
    ExchangeRecord,
    IssueRecord,
    PullRecord,
    ReactionRecord,
    RepoRecord,
    ReviewCommentRecord,
    Role,
    TokenRecord,
)


class World:
    """Repositories, conversations and accounts of one stand-in GitHub."""

    def __init__(self, git_root: Path) -> None:
        self.lock = threading.RLock()
        self._ids = itertools.count(1001)
        self.git = BareRepos(git_root)
        self.accounts = Accounts(self.next_id)
        self.repos: dict[str, RepoRecord] = {}
        self.pulls: dict[tuple[str, int], PullRecord] = {}
        self.issues: dict[tuple[str, int], IssueRecord] = {}
        self.comments: dict[int, CommentRecord] = {}
        self.review_comments: dict[int, ReviewCommentRecord] = {}
        self.reactions: list[ReactionRecord] = []
        self.faults = FaultPlan()
        self.exchanges: list[ExchangeRecord] = []

    def next_id(self) -> int:
        """A fresh id, unique across every kind of record."""
        return next(self._ids)

    def create_repo(
        self,
        full_name: str,
        files: Mapping[str, str | bytes],
        *,
        default_branch: str = "main",
        private: bool = False,
    ) -> RepoRecord:
        """A repository whose ``default_branch`` holds ``files`` in one commit."""
        owner, _, name = full_name.partition("/")
        if not owner or not name or "/" in name:
            raise ApiError(422, f"repository name must be owner/name, got {full_name!r}")
        if full_name.lower() in self.repos:
            raise ApiError(422, f"repository {full_name} already exists")
        self.accounts.add_user(owner)
        self.git.create(full_name, files, default_branch)
        repo = RepoRecord(
            id=self.next_id(),
            owner=owner,
            name=name,
            default_branch=default_branch,
            private=private,
        )
        self.repos[full_name.lower()] = repo
        return repo

    def repo(self, owner: str, name: str) -> RepoRecord:
        """Repository ``owner/name``, or GitHub's 404."""
        repo = self.repos.get(f"{owner}/{name}".lower())
        if repo is None:
            raise not_found()
        return repo

    def set_role(self, full_name: str, login: str, role: Role | None) -> None:
        """Make ``login`` a collaborator with ``role``, or remove them with None."""
        repo = self.repo(*full_name.split("/", 1))
        self.accounts.add_user(login)
        if role is None:
            repo.roles.pop(login.lower(), None)
        else:
            repo.roles[login.lower()] = role

    def role_of(self, repo: RepoRecord, login: str) -> Role | None:
        """``login``'s role on ``repo``: owners are admins, the App's bot writes where installed."""
        if login.lower() == repo.owner.lower():
            return "admin"
        installation = self.accounts.installation_for(repo.full_name)
        if installation is not None and login == f"{self.accounts.app_slug}[bot]":
            return "write"
        return repo.roles.get(login.lower())

    def can(self, repo: RepoRecord, login: str, needed: Role) -> bool:
        """True when ``login``'s role on ``repo`` is at least ``needed``."""
        role = self.role_of(repo, login)
        return role is not None and ROLE_RANK[role] >= ROLE_RANK[needed]

    def visible(self, repo: RepoRecord, caller: TokenRecord | None) -> bool:
        """True when ``caller`` may see ``repo``; installation tokens see only their own."""
        if caller is not None and caller.installation_id is not None:
            installation = self.accounts.installations.get(caller.installation_id)
            covered = {name.lower() for name in installation.repos} if installation else set()
            if repo.full_name.lower() not in covered:
                return False
        login = caller.login if caller is not None else ""
        return not repo.private or self.role_of(repo, login) is not None

    def association(self, repo: RepoRecord, login: str) -> str:
        """``author_association`` of ``login`` on ``repo``, as GitHub puts it in payloads."""
        if login.lower() == repo.owner.lower():
            return "OWNER"
        return "COLLABORATOR" if login.lower() in repo.roles else "NONE"

    def take_number(self, repo: RepoRecord) -> int:
        """The next issue/pull request number; both share one sequence, as on GitHub."""
        number = repo.next_number
        repo.next_number += 1
        return number

    def pull(self, repo: RepoRecord, number: int) -> PullRecord:
        """Pull request ``number`` of ``repo``, or 404."""
        pull = self.pulls.get((repo.full_name, number))
        if pull is None:
            raise not_found()
        return pull

    def comment(self, repo: RepoRecord, comment_id: int) -> CommentRecord:
        """Issue comment ``comment_id`` of ``repo``, or 404."""
        comment = self.comments.get(comment_id)
        if comment is None or comment.repo != repo.full_name:
            raise not_found()
        return comment

    def review_comment(self, repo: RepoRecord, comment_id: int) -> ReviewCommentRecord:
        """Review comment ``comment_id`` of ``repo``, or 404."""
        comment = self.review_comments.get(comment_id)
        if comment is None or comment.repo != repo.full_name:
            raise not_found()
        return comment
