"""Where autofix's GitHub token comes from: a fixed token, or a GitHub App's installation.

Both hand out ``GitCredentials``; the same token serves the API and ``git push``. Calls are
synchronous (they may reach GitHub) and run in the client's worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

import jwt
from pydantic import SecretStr

from pipeline.errors import ConfigurationError
from pipeline.github.connection import Connection
from pipeline.github.failures import github_errors
from pipeline.github.models import GitCredentials

Clock = Callable[[], datetime]


class CredentialSource(Protocol):
    """Gives a token that may act on a repository."""

    def credentials_for(self, repo: str) -> GitCredentials:
        """Credentials valid for ``owner/name`` for a while yet."""
        ...


class StaticToken:
    """One token for every repository (``GITHUB_TOKEN``)."""

    def __init__(self, token: SecretStr) -> None:
        self._credentials = GitCredentials(token=token)

    def credentials_for(self, repo: str) -> GitCredentials:
        """The configured token."""
        return self._credentials


class AppInstallationTokens:
    """Installation tokens of a GitHub App, minted per installation and reused until near expiry."""

    def __init__(
        self,
        app_id: int,
        private_key: SecretStr,
        connection: Connection,
        *,
        refresh_before: timedelta = timedelta(minutes=5),
        clock: Clock = lambda: datetime.now(UTC),
    ) -> None:
        self._app_id = app_id
        self._private_key = private_key
        self._connection = connection
        self._refresh_before = refresh_before
        self._clock = clock
        self._lock = threading.Lock()
        self._installations: dict[str, int] = {}
        self._tokens: dict[int, GitCredentials] = {}

    def credentials_for(self, repo: str) -> GitCredentials:
        """A token of the installation covering ``repo``, minted if none is fresh enough."""
        with self._lock:
            installation_id = self._installations.get(repo)
            cached = self._tokens.get(installation_id) if installation_id else None
            if cached is not None and self._fresh(cached):
                return cached
            installation_id, credentials = self._mint(repo, installation_id)
            self._installations[repo] = installation_id
            self._tokens[installation_id] = credentials
            return credentials

    def _fresh(self, credentials: GitCredentials) -> bool:
        expires = credentials.expires_at
        return expires is None or expires - self._refresh_before > self._clock()

    def _mint(self, repo: str, installation_id: int | None) -> tuple[int, GitCredentials]:
        owner, _, name = repo.partition("/")
        key = self._private_key.get_secret_value()
        try:
            with (
                self._connection.integration(self._app_id, key) as integration,
                github_errors(f"mint an installation token for {repo}"),
            ):
                if installation_id is None:
                    installation_id = integration.get_repo_installation(owner, name).id
                minted = integration.get_access_token(installation_id)
        except (ValueError, TypeError, jwt.PyJWTError) as exc:
            # PyGithub signs the JWT on the first request: a bad key shows up only there.
            raise ConfigurationError(f"the GitHub App private key is unusable: {exc}") from exc
        credentials = GitCredentials(token=SecretStr(minted.token), expires_at=minted.expires_at)
        return installation_id, credentials
