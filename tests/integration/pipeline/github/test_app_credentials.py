"""GitHub App authentication: a JWT buys an installation token, used for the API and git push."""

from __future__ import annotations

import asyncio
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr

from config.github import GitHubSettings
from pipeline.errors import ConfigurationError, PermanentError
from pipeline.github.credentials import AppInstallationTokens
from pipeline.github.factory import github_client
from standins.github import GitHubStandin
from tests.integration.pipeline.github.conftest import fast_connection
from tests.integration.standins.github.standin_setup import REPO

APP_ID = 31337


@pytest.fixture(scope="module")
def key_pair() -> tuple[str, str]:
    """A fresh RSA key pair (private PEM, public PEM), made for these tests only."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@pytest.fixture
def app_settings(standin: GitHubStandin, key_pair: tuple[str, str]) -> GitHubSettings:
    """The App installed on ``acme/shop``; its key on one line, as dashboards keep it."""
    private, public = key_pair
    standin.control.configure_app(APP_ID, public)
    standin.control.install_app("acme", [REPO])
    return GitHubSettings.model_validate(
        {
            "GITHUB_API_URL": standin.api_url,
            "GITHUB_APP_ID": str(APP_ID),
            "GITHUB_APP_PRIVATE_KEY": private.replace("\n", "\\n"),
        }
    )


def _token_posts(standin: GitHubStandin) -> int:
    return sum(1 for e in standin.control.exchanges() if e.path.endswith("/access_tokens"))


async def test_the_app_acts_with_one_cached_installation_token(
    standin: GitHubStandin, app_settings: GitHubSettings
) -> None:
    client = github_client(app_settings, fast_connection(standin))
    try:
        credentials = await client.git_credentials(REPO)
        standin.control.push_files(REPO, "autofix/app", {"app/main.py": "fixed\n"})
        pull = await client.ensure_draft_pr(
            REPO, head_branch="autofix/app", base="main", title="T", body="B"
        )
        again = await client.git_credentials(REPO)
    finally:
        client.close()
    assert credentials.token.get_secret_value().startswith("ghs_")
    assert credentials.expires_at is not None
    assert again == credentials
    assert _token_posts(standin) == 1
    [record] = standin.control.pulls(REPO)
    assert (record.number, record.user) == (pull.number, "autofix[bot]")


async def test_the_installation_token_pushes_over_git(
    standin: GitHubStandin, app_settings: GitHubSettings, tmp_path: Path
) -> None:
    client = github_client(app_settings, fast_connection(standin))
    try:
        credentials = await client.git_credentials(REPO)
    finally:
        client.close()
    secret = credentials.token.get_secret_value()
    url = standin.clone_url(REPO).replace("http://", f"http://{credentials.username}:{secret}@")
    await asyncio.to_thread(_push_a_fix, url, tmp_path / "work")
    assert standin.control.read_file(REPO, "autofix/pushed", "fix.txt") == b"fixed\n"


def _push_a_fix(url: str, work: Path) -> None:
    _git("clone", "--quiet", url, str(work))
    (work / "fix.txt").write_text("fixed\n")
    _git("-C", str(work), "checkout", "--quiet", "-b", "autofix/pushed")
    _git("-C", str(work), "add", "fix.txt")
    _git("-C", str(work), "-c", "user.name=a", "-c", "user.email=a@b.c", "commit", "-qm", "Fix")
    _git("-C", str(work), "push", "--quiet", "origin", "autofix/pushed")


def test_a_token_near_expiry_is_replaced(
    standin: GitHubStandin, app_settings: GitHubSettings, key_pair: tuple[str, str]
) -> None:
    moment = [datetime.now(UTC)]
    tokens = AppInstallationTokens(
        APP_ID, SecretStr(key_pair[0]), fast_connection(standin), clock=lambda: moment[0]
    )
    first = tokens.credentials_for(REPO)
    assert tokens.credentials_for(REPO) == first
    moment[0] += timedelta(minutes=56)
    assert tokens.credentials_for(REPO) != first
    assert _token_posts(standin) == 2


def test_a_repository_without_the_app_is_permanent(
    standin: GitHubStandin, app_settings: GitHubSettings, key_pair: tuple[str, str]
) -> None:
    standin.control.create_repo("acme/elsewhere", {"a.txt": "a"})
    tokens = AppInstallationTokens(APP_ID, SecretStr(key_pair[0]), fast_connection(standin))
    with pytest.raises(PermanentError, match="404"):
        tokens.credentials_for("acme/elsewhere")


def test_an_unusable_key_is_a_configuration_problem(
    standin: GitHubStandin, app_settings: GitHubSettings
) -> None:
    tokens = AppInstallationTokens(APP_ID, SecretStr("not a key"), fast_connection(standin))
    with pytest.raises(ConfigurationError, match="private key"):
        tokens.credentials_for(REPO)


def test_another_apps_key_is_refused(standin: GitHubStandin, app_settings: GitHubSettings) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    tokens = AppInstallationTokens(APP_ID, SecretStr(pem), fast_connection(standin))
    with pytest.raises(ConfigurationError, match="401"):
        tokens.credentials_for(REPO)


def _git(*args: str) -> None:
    done = subprocess.run(
        ["git", "-c", "credential.helper=", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
    )
    assert done.returncode == 0, done.stderr
