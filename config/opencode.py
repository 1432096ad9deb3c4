"""Settings of the OpenCode agent server: run our own or use one that is already running."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class OpenCodeSettings(BaseSettings):
    """Which OpenCode server the fix step drives, and how long an agent session may take."""

    model_config = SettingsConfigDict(extra="ignore")

    opencode_url: str | None = Field(
        None,
        pattern=r"^https?://",
        validation_alias="OPENCODE_URL",
        description="Use this running OpenCode server instead of starting one; it must reach "
        "the repositories' clones at the same paths.",
    )
    opencode_bin: Path | None = Field(
        None,
        validation_alias="OPENCODE_BIN",
        description="The opencode binary to start; default node_modules/.bin/opencode "
        "(npm ci at the repository root installs the pinned version).",
    )
    opencode_server_username: str = Field(
        "opencode",
        min_length=1,
        validation_alias="OPENCODE_SERVER_USERNAME",
        description="Basic-auth user of the OpenCode server.",
    )
    opencode_server_password: SecretStr | None = Field(
        None,
        validation_alias="OPENCODE_SERVER_PASSWORD",
        description="Basic-auth password of the OpenCode server; when unset, a server autofix "
        "starts gets a random one.",
    )
    agent_deadline_seconds: float = Field(
        1200.0,
        gt=0,
        validation_alias="AUTOFIX_AGENT_DEADLINE_SECONDS",
        description="Wall-clock limit of one agent session; then it is aborted.",
    )
    opencode_startup_seconds: float = Field(
        60.0,
        gt=0,
        validation_alias="AUTOFIX_OPENCODE_STARTUP_SECONDS",
        description="How long a started OpenCode server may take to listen.",
    )
    opencode_trust_repo_config: bool = Field(
        False,
        validation_alias="AUTOFIX_OPENCODE_TRUST_REPO_CONFIG",
        description="Let a repository's own opencode.json, .opencode/ and AGENTS.md shape the "
        "agent; off, so a repository cannot loosen permissions or change the model.",
    )
