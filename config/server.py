"""Settings of the HTTP receiver and the process: where it listens, where it keeps data."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseSettings):
    """Receiver, Redis and local data."""

    model_config = SettingsConfigDict(extra="ignore")

    port: int = Field(
        8000, ge=1, le=65535, validation_alias="PORT", description="HTTP port of the receiver."
    )
    host: str = Field(
        "127.0.0.1",
        validation_alias="AUTOFIX_HOST",
        description="Interface the receiver binds (the container image sets 0.0.0.0).",
    )
    redis_url: str | None = Field(
        None,
        validation_alias="REDIS_URL",
        description=(
            "Redis to use (redis://, rediss:// or unix://). Unset: autofix runs an "
            "embedded Redis server under AUTOFIX_DATA_DIR."
        ),
    )
    data_dir: Path = Field(
        Path("./.autofix"),
        validation_alias="AUTOFIX_DATA_DIR",
        description="Local state: embedded Redis data, repository workspaces, the agent's home.",
    )
    public_url: str | None = Field(
        None,
        validation_alias="AUTOFIX_PUBLIC_URL",
        description=(
            "URL where this service is reachable, used in links it posts (e.g. "
            "https://autofix.up.railway.app)."
        ),
    )
    max_body_bytes: int = Field(
        1024 * 1024,
        ge=1024,
        validation_alias="AUTOFIX_MAX_BODY_BYTES",
        description="Largest webhook body accepted (413 above).",
    )
    log_format: Literal["auto", "json", "text"] = Field(
        "auto",
        validation_alias="AUTOFIX_LOG_FORMAT",
        description=(
            "json (one JSON object per line), text, or auto: text on a terminal, json otherwise."
        ),
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", validation_alias="AUTOFIX_LOG_LEVEL", description="Lowest level logged."
    )
    railway_webhook_token: SecretStr | None = Field(
        None,
        validation_alias="RAILWAY_WEBHOOK_TOKEN",
        description=(
            "Secret path segment of the Railway webhook URL (/webhooks/railway/<token>). "
            "Unset: the endpoint refuses every call."
        ),
    )
    github_webhook_secret: SecretStr | None = Field(
        None,
        validation_alias="GITHUB_WEBHOOK_SECRET",
        description=(
            "Secret GitHub signs deliveries with (X-Hub-Signature-256). Unset: the "
            "endpoint refuses every call."
        ),
    )
    dashboard_token: SecretStr | None = Field(
        None,
        validation_alias="AUTOFIX_DASHBOARD_TOKEN",
        description="Token protecting the run-history pages (/runs). Unset: the pages are off.",
    )

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        # Paths handed to git and to the agent must not depend on a process's working directory.
        return value.expanduser().resolve()
