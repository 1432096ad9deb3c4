"""Who the stand-in lets in: tokens, permission levels, the GitHub App and its tokens."""

from __future__ import annotations

import time
from functools import cache

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from github import Auth, Github, GithubException, GithubIntegration

from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT, BOT_TOKEN, REPO

APP_ID = 4242


@pytest.mark.parametrize("scheme", ["token", "Bearer"])
def test_both_token_schemes_are_accepted(standin: GitHubStandin, scheme: str) -> None:
    answer = httpx.get(
        f"{standin.api_url}/user", headers={"Authorization": f"{scheme} {BOT_TOKEN}"}
    )
    assert answer.status_code == 200
    assert answer.json()["login"] == BOT


@pytest.mark.parametrize("header", [None, "token wrong", "Basic Ym90OnRva2Vu"])
def test_anything_else_is_401(standin: GitHubStandin, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    answer = httpx.get(f"{standin.api_url}/repos/{REPO}", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["message"] in ("Bad credentials", "Requires authentication")


@pytest.mark.parametrize(
    ("role", "permission"),
    [
        ("admin", "admin"),
        ("maintain", "write"),
        ("write", "write"),
        ("triage", "read"),
        ("read", "read"),
        (None, "none"),
    ],
)
def test_permission_levels_map_roles_like_github(
    standin: GitHubStandin, github: Github, role: str | None, permission: str
) -> None:
    standin.control.set_role(REPO, "carol", role)  # type: ignore[arg-type]  # parameter table
    repo = github.get_repo(REPO)
    assert repo.get_collaborator_permission("carol") == permission
    assert repo.get_collaborator_role_name("carol") == (role or "none")
    assert repo.has_in_collaborators("carol") is (role is not None)


def test_unknown_users_and_app_bots_are_not_found(standin: GitHubStandin, github: Github) -> None:
    repo = github.get_repo(REPO)
    with pytest.raises(GithubException) as unknown:
        repo.get_collaborator_permission("nobody-at-all")
    with pytest.raises(GithubException) as bot:
        repo.get_collaborator_permission("dependabot[bot]")
    assert unknown.value.status == bot.value.status == 404
    assert "is not a user" in bot.value.data["message"]


def test_the_repository_owner_is_admin(standin: GitHubStandin, github: Github) -> None:
    assert github.get_repo(REPO).get_collaborator_permission("acme") == "admin"


def test_rate_limit_is_reported(github: Github) -> None:
    limits = github.get_rate_limit()
    assert limits.resources.core.remaining > 0


def test_a_private_repository_is_invisible_to_strangers(standin: GitHubStandin) -> None:
    standin.control.create_repo("acme/secret", {"a.txt": "a"}, private=True)
    standin.control.add_token("stranger-token", "stranger")
    headers = {"Authorization": "token stranger-token"}
    assert httpx.get(f"{standin.api_url}/repos/acme/secret", headers=headers).status_code == 404


def test_the_app_mints_installation_tokens_with_a_jwt(standin: GitHubStandin) -> None:
    private_pem, public_pem = _rsa_pair()
    standin.control.configure_app(APP_ID, public_pem)
    installation = standin.control.install_app("acme", [REPO])
    app_auth = Auth.AppAuth(APP_ID, private_pem)
    with GithubIntegration(auth=app_auth, base_url=standin.api_url, retry=None) as integration:
        found = integration.get_repo_installation("acme", "shop")
        token = integration.get_access_token(found.id)
    assert found.id == installation.id
    with Github(auth=Auth.Token(token.token), base_url=standin.api_url, retry=None) as github:
        assert github.get_repo(REPO).permissions.push is True
    # Installation tokens act for the App's bot, which GET /user does not describe.
    answer = httpx.get(f"{standin.api_url}/user", headers={"Authorization": f"token {token.token}"})
    assert answer.status_code == 403


def test_a_jwt_from_another_key_is_refused(standin: GitHubStandin) -> None:
    _private, public_pem = _rsa_pair()
    other_private, _public = _rsa_pair("intruder")
    standin.control.configure_app(APP_ID, public_pem)
    now = int(time.time())
    forged = jwt.encode(
        {"iat": now - 60, "exp": now + 300, "iss": str(APP_ID)}, other_private, "RS256"
    )
    answer = httpx.get(f"{standin.api_url}/app", headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401


def test_installation_tokens_see_only_their_repositories(standin: GitHubStandin) -> None:
    private_pem, public_pem = _rsa_pair()
    standin.control.configure_app(APP_ID, public_pem)
    standin.control.create_repo("acme/other", {"a.txt": "a"})
    installation = standin.control.install_app("acme", [REPO])
    app_auth = Auth.AppAuth(APP_ID, private_pem)
    with GithubIntegration(auth=app_auth, base_url=standin.api_url) as integration:
        token = integration.get_access_token(installation.id).token
    headers = {"Authorization": f"token {token}"}
    assert httpx.get(f"{standin.api_url}/repos/{REPO}", headers=headers).status_code == 200
    assert httpx.get(f"{standin.api_url}/repos/acme/other", headers=headers).status_code == 404


@cache
def _rsa_pair(name: str = "app") -> tuple[str, str]:
    """A key pair per ``name``, made once: RSA key generation is slow."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def test_the_app_describes_itself(standin: GitHubStandin) -> None:
    private_pem, public_pem = _rsa_pair()
    standin.control.configure_app(APP_ID, public_pem, slug="autofix")
    app_auth = Auth.AppAuth(APP_ID, private_pem)
    with GithubIntegration(auth=app_auth, base_url=standin.api_url) as integration:
        app = integration.get_app()
    assert (app.id, app.slug) == (APP_ID, "autofix")
