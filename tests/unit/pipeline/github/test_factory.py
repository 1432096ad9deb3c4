"""Choosing credentials from settings, and reading the App's key."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.github import GitHubSettings
from pipeline.errors import ConfigurationError
from pipeline.github.connection import Connection
from pipeline.github.credentials import AppInstallationTokens, StaticToken
from pipeline.github.factory import app_private_key, credential_source

PEM = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"


def _settings(**values: str) -> GitHubSettings:
    return GitHubSettings.model_validate(values)


def test_a_token_gives_static_credentials() -> None:
    source = credential_source(_settings(GITHUB_TOKEN="t"), Connection())
    assert isinstance(source, StaticToken)
    assert source.credentials_for("a/b").token.get_secret_value() == "t"


def test_an_app_gives_installation_tokens() -> None:
    settings = _settings(GITHUB_APP_ID="3", GITHUB_APP_PRIVATE_KEY=PEM)
    assert isinstance(credential_source(settings, Connection()), AppInstallationTokens)


def test_no_credentials_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="GITHUB_TOKEN"):
        credential_source(_settings(), Connection())


def test_escaped_newlines_are_undone() -> None:
    one_line = PEM.replace("\n", "\\n")
    key = app_private_key(_settings(GITHUB_APP_ID="3", GITHUB_APP_PRIVATE_KEY=one_line))
    assert key.get_secret_value() == PEM


def test_the_key_can_come_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "app.pem"
    path.write_text(PEM)
    settings = _settings(GITHUB_APP_ID="3", GITHUB_APP_PRIVATE_KEY_PATH=str(path))
    assert app_private_key(settings).get_secret_value() == PEM
    path.unlink()
    with pytest.raises(ConfigurationError, match="cannot read"):
        app_private_key(settings)
