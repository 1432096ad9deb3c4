"""``GitHubClient`` on PyGithub.

PyGithub is synchronous and not thread-safe, so each call runs in a worker thread and calls of
one client run one at a time. Writes are idempotent: each looks for what an earlier attempt may
already have made before making anything.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from github import Github
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository
from pydantic import ValidationError

from pipeline.errors import AutofixError, ConfigurationError, PermanentError, RateLimited
from pipeline.github import _convert
from pipeline.github.connection import Connection
from pipeline.github.credentials import CredentialSource
from pipeline.github.failures import github_errors
from pipeline.github.markers import has_marker, with_marker
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

T = TypeVar("T")
log = logging.getLogger(__name__)

# App tokens rotate hourly; a few clients cover the installations in use without leaking.
_MAX_CLIENTS = 8
_REACTION_PATHS = {"issue_comment": "issues/comments", "review_comment": "pulls/comments"}


class PyGithubClient:
    """Talks to GitHub through PyGithub with tokens from ``credentials``."""

    def __init__(
        self, connection: Connection, credentials: CredentialSource, *, bot_login: str | None = None
    ) -> None:
        self._connection = connection
        self._credentials = credentials
        self._bot_login = bot_login
        self._lock = threading.Lock()
        self._clients: OrderedDict[str, Github] = OrderedDict()

    async def repo_info(self, repo: str) -> RepoInfo:
        """Default branch, clone URL and name of ``repo``."""
        return await self._call(
            repo, f"read {repo}", lambda gh: _convert.repo_info(gh.get_repo(repo))
        )

    async def ensure_draft_pr(
        self, repo: str, *, head_branch: str, base: str, title: str, body: str
    ) -> PullRequest:
        """The open pull request of ``head_branch``: updated if it exists, else a new draft."""

        def work(gh: Github) -> PullRequest:
            owner = repo.split("/", 1)[0]
            return _ensure_draft_pr(gh.get_repo(repo), owner, head_branch, base, title, body)

        return await self._call(repo, f"open a pull request from {head_branch} in {repo}", work)

    async def get_pr(self, repo: str, number: int) -> PullRequest:
        """Pull request ``number``."""

        def work(gh: Github) -> PullRequest:
            return _convert.pull_request(gh.get_repo(repo).get_pull(number))

        return await self._call(repo, f"read pull request #{number} of {repo}", work)

    async def upsert_comment(self, repo: str, number: int, body: str, *, key: str) -> IssueComment:
        """The comment marked ``key`` on issue or PR ``number``, edited in place or created."""

        def work(gh: Github) -> IssueComment:
            issue = gh.get_repo(repo).get_issue(number)
            text = with_marker(body, key)
            for comment in issue.get_comments():
                if has_marker(comment.body, key) and self._written_by_us(comment.user.login):
                    if comment.body != text:
                        comment.edit(text)
                    return _convert.issue_comment(comment, number)
            return _convert.issue_comment(issue.create_comment(text), number)

        return await self._call(repo, f"write the {key} comment on #{number} of {repo}", work)

    async def react(
        self,
        repo: str,
        comment_id: int,
        content: ReactionContent,
        *,
        kind: CommentKind = "issue_comment",
    ) -> None:
        """React to a conversation or review comment; GitHub keeps one reaction per kind."""
        url = f"/repos/{repo}/{_REACTION_PATHS[kind]}/{comment_id}/reactions"

        def work(gh: Github) -> None:
            gh.requester.requestJsonAndCheck("POST", url, input={"content": content})

        await self._call(repo, f"react {content} to comment {comment_id} in {repo}", work)

    async def permission_of(self, repo: str, login: str) -> Permission:
        """``login``'s role on ``repo``; NONE for bots and whenever GitHub refuses to say."""
        if login.endswith("[bot]"):
            return Permission.NONE
        url = f"/repos/{repo}/collaborators/{login}/permission"

        def work(gh: Github) -> Permission:
            _headers, data = gh.requester.requestJsonAndCheck("GET", url)
            try:
                return _convert.collaborator_permission(data).level()
            except ValidationError as exc:
                raise PermanentError(f"unexpected permission answer: {exc}") from exc

        try:
            return await self._call(repo, f"read {login}'s permission on {repo}", work)
        except ConfigurationError:
            raise
        except PermanentError as exc:
            log.warning("treating %s as having no permission on %s: %s", login, repo, exc)
            return Permission.NONE

    async def report(self, repo: str, *, key: str, title: str, body: str, update: str) -> Report:
        """Open an issue marked ``key``, or comment ``update`` on the open one that has it."""

        def work(gh: Github) -> Report:
            found = gh.get_repo(repo)
            for issue in found.get_issues(state="open"):
                # Reading pull_request of a plain issue costs a request: check the marker first.
                if has_marker(issue.body, key) and issue.pull_request is None:
                    comment = _convert.issue_comment(issue.create_comment(update), issue.number)
                    return Report(issue=_convert.issue(issue), created_issue=False, comment=comment)
            created = found.create_issue(title=title, body=with_marker(body, key))
            return Report(issue=_convert.issue(created), created_issue=True, comment=None)

        return await self._call(repo, f"report {key} in {repo}", work)

    async def git_credentials(self, repo: str) -> GitCredentials:
        """A token for cloning and pushing ``repo`` over HTTPS, valid for a while yet."""
        return await asyncio.to_thread(self._credentials.credentials_for, repo)

    def close(self) -> None:
        """Close the pooled connections."""
        with self._lock:
            while self._clients:
                self._clients.popitem()[1].close()

    def _written_by_us(self, login: str) -> bool:
        return self._bot_login is None or login.lower() == self._bot_login.lower()

    async def _call(self, repo: str, action: str, work: Callable[[Github], T]) -> T:
        return await asyncio.to_thread(self._run, repo, action, work)

    def _run(self, repo: str, action: str, work: Callable[[Github], T]) -> T:
        credentials = self._credentials.credentials_for(repo)
        with self._lock, github_errors(action):
            return work(self._github(credentials.token.get_secret_value()))

    def _github(self, token: str) -> Github:
        client = self._clients.get(token)
        if client is None:
            client = self._connection.github(token)
            self._clients[token] = client
            if len(self._clients) > _MAX_CLIENTS:
                self._clients.popitem(last=False)[1].close()
        self._clients.move_to_end(token)
        return client


def _ensure_draft_pr(
    repo: Repository, owner: str, head: str, base: str, title: str, body: str
) -> PullRequest:
    pull = _open_pull(repo, owner, head)
    if pull is None:
        try:
            with github_errors(f"create a pull request from {head}"):
                created = repo.create_pull(title=title, body=body, head=head, base=base, draft=True)
            return _convert.pull_request(created)
        except (ConfigurationError, RateLimited):
            raise
        except AutofixError:
            # A 5xx may come after GitHub created it, and a 422 may mean a racing attempt did.
            pull = _open_pull(repo, owner, head)
            if pull is None:
                raise
    if (pull.title, pull.body) != (title, body):
        pull.edit(title=title, body=body)
    return _convert.pull_request(pull)


def _open_pull(repo: Repository, owner: str, head: str) -> GhPullRequest | None:
    # The owner prefix matters: GitHub silently ignores a bare branch name in this filter.
    for pull in repo.get_pulls(state="open", head=f"{owner}:{head}"):
        if pull.head.ref == head:
            return pull
    return None
