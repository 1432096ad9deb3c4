"""Settings for GitHub's REST API, how autofix authenticates to it, and who it commits as."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class GitHubSettings(BaseSettings):
    """Where GitHub is, which credentials autofix uses there, and its identity in commits."""

    model_config = SettingsConfigDict(extra="ignore")

    github_api_url: str = Field(
        "https://api.github.com",
        validation_alias="GITHUB_API_URL",
        description="REST API root; https://HOST/api/v3 for GitHub Enterprise Server.",
    )
    github_token: SecretStr | None = Field(
        None,
        validation_alias="GITHUB_TOKEN",
        description="A personal access token or bot token; use this or the GitHub App pair.",
    )
    github_app_id: int | None = Field(
        None,
        ge=1,
        validation_alias="GITHUB_APP_ID",
        description="The GitHub App's numeric id; needs a private key.",
    )
    github_app_private_key: SecretStr | None = Field(
        None,
        validation_alias="GITHUB_APP_PRIVATE_KEY",
        description="The GitHub App's private key as PEM text.",
    )
    github_app_private_key_path: Path | None = Field(
        None,
        validation_alias="GITHUB_APP_PRIVATE_KEY_PATH",
        description="A file holding the GitHub App's PEM private key, instead of the text.",
    )
    git_author_name: str = Field(
        "autofix",
        min_length=1,
        validation_alias="AUTOFIX_GIT_AUTHOR_NAME",
        description="Author and committer name of the commits autofix pushes.",
    )
    git_author_email: str = Field(
        "autofix@users.noreply.github.com",
        pattern=r"^[^@\s]+@[^@\s]+$",
        validation_alias="AUTOFIX_GIT_AUTHOR_EMAIL",
        description="Author and committer e-mail of the commits autofix pushes.",
    )
    bot_login: str | None = Field(
        None,
        validation_alias="AUTOFIX_BOT_LOGIN",
        description="autofix's own GitHub login, so it ignores its own comments.",
    )


def github_problems(raw: Mapping[str, str]) -> list[str]:
    """Problems that involve more than one GitHub variable."""
    problems: list[str] = []
    has_key = bool(raw.get("GITHUB_APP_PRIVATE_KEY"))
    has_key_path = bool(raw.get("GITHUB_APP_PRIVATE_KEY_PATH"))
    has_app_id = bool(raw.get("GITHUB_APP_ID"))
    if has_key and has_key_path:
        problems.append(
            "GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_PATH are both set: set only one"
        )
    if has_app_id and not (has_key or has_key_path):
        problems.append(
            "GITHUB_APP_ID is set without a private key: "
            "set GITHUB_APP_PRIVATE_KEY or GITHUB_APP_PRIVATE_KEY_PATH"
        )
    if (has_key or has_key_path) and not has_app_id:
        problems.append("a GitHub App private key is set without GITHUB_APP_ID")
    if has_app_id and raw.get("GITHUB_TOKEN"):
        problems.append(
            "GITHUB_TOKEN and GITHUB_APP_ID are both set: "
            "use either a token or the GitHub App, not both"
        )
    path = raw.get("GITHUB_APP_PRIVATE_KEY_PATH")
    if path and not Path(path).is_file():
        problems.append(f"GITHUB_APP_PRIVATE_KEY_PATH: no such file ({path})")
    return problems
