"""Build the GitHub client from settings, once, at a composition root."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from config.github import GitHubSettings
from pipeline.errors import ConfigurationError
from pipeline.github.connection import Connection
from pipeline.github.credentials import AppInstallationTokens, CredentialSource, StaticToken
from pipeline.github.pygithub_client import PyGithubClient


def credential_source(settings: GitHubSettings, connection: Connection) -> CredentialSource:
    """The GitHub App's installation tokens when configured, else ``GITHUB_TOKEN``."""
    if settings.github_app_id is not None:
        return AppInstallationTokens(settings.github_app_id, app_private_key(settings), connection)
    if settings.github_token is not None:
        return StaticToken(settings.github_token)
    raise ConfigurationError(
        "no GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY"
    )


def app_private_key(settings: GitHubSettings) -> SecretStr:
    """The App's PEM key from the variable or the file; literal ``\\n`` escapes are undone."""
    if settings.github_app_private_key is not None:
        text = settings.github_app_private_key.get_secret_value()
    elif settings.github_app_private_key_path is not None:
        text = _read(settings.github_app_private_key_path)
    else:
        raise ConfigurationError("GITHUB_APP_ID is set without a private key")
    # Dashboards that take one-line values often store PEM newlines as the two characters \n.
    if "\\n" in text and "\n" not in text.strip():
        text = text.replace("\\n", "\n")
    return SecretStr(text)


def github_client(settings: GitHubSettings, connection: Connection | None = None) -> PyGithubClient:
    """The client for the configured GitHub, credentials and bot login."""
    connection = connection or Connection(api_url=settings.github_api_url)
    return PyGithubClient(
        connection, credential_source(settings, connection), bot_login=settings.bot_login
    )


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError as exc:
        raise ConfigurationError(f"cannot read GITHUB_APP_PRIVATE_KEY_PATH {path}: {exc}") from exc
