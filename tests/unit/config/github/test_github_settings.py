"""GitHub settings: defaults, validation and the cross-checks between variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.github import GitHubSettings, github_problems
from config.settings import ConfigError, load_settings


def test_defaults_point_at_github_com() -> None:
    settings = GitHubSettings.model_validate({})
    assert settings.github_api_url == "https://api.github.com"
    assert settings.github_token is None
    assert settings.git_author_name == "autofix"


def test_settings_read_the_github_variables() -> None:
    settings = load_settings(
        {"GITHUB_TOKEN": "t0k", "AUTOFIX_BOT_LOGIN": "autofix-bot"}, env_file=None
    )
    assert settings.github_token is not None
    assert settings.github_token.get_secret_value() == "t0k"
    assert settings.bot_login == "autofix-bot"


def test_a_bad_author_email_is_reported() -> None:
    with pytest.raises(ConfigError, match="AUTOFIX_GIT_AUTHOR_EMAIL"):
        load_settings({"AUTOFIX_GIT_AUTHOR_EMAIL": "not an address"}, env_file=None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, []),
        ({"GITHUB_TOKEN": "t"}, []),
        ({"GITHUB_APP_ID": "1", "GITHUB_APP_PRIVATE_KEY": "pem"}, []),
        ({"GITHUB_APP_ID": "1"}, ["without a private key"]),
        ({"GITHUB_APP_PRIVATE_KEY": "pem"}, ["without GITHUB_APP_ID"]),
        (
            {"GITHUB_APP_ID": "1", "GITHUB_APP_PRIVATE_KEY": "pem", "GITHUB_TOKEN": "t"},
            ["both set: use either a token"],
        ),
        (
            {
                "GITHUB_APP_ID": "1",
                "GITHUB_APP_PRIVATE_KEY": "pem",
                "GITHUB_APP_PRIVATE_KEY_PATH": "/nonexistent/key.pem",
            },
            ["are both set: set only one", "no such file"],
        ),
    ],
)
def test_cross_checks(raw: dict[str, str], expected: list[str]) -> None:
    problems = github_problems(raw)
    assert len(problems) == len(expected)
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem


def test_a_key_file_that_exists_passes(tmp_path: Path) -> None:
    key = tmp_path / "app.pem"
    key.write_text("pem")
    raw = {"GITHUB_APP_ID": "7", "GITHUB_APP_PRIVATE_KEY_PATH": str(key)}
    assert github_problems(raw) == []
    assert load_settings(raw, env_file=None).github_app_private_key_path == key
