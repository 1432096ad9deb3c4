"""Settings of the HTTP receiver and the process: where it listens, where it keeps data."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseSettings):
    """Receiver, Redis and local data."""

    model_config = SettingsConfigDict(extra="ignore")

    port: int = Field(8000, ge=1, le=65535, validation_alias="PORT")
    host: str = Field("127.0.0.1", validation_alias="AUTOFIX_HOST")
    redis_url: str | None = Field(None, validation_alias="REDIS_URL")
    data_dir: Path = Field(Path("./.autofix"), validation_alias="AUTOFIX_DATA_DIR")
    public_url: str | None = Field(None, validation_alias="AUTOFIX_PUBLIC_URL")
    max_body_bytes: int = Field(1024 * 1024, ge=1024, validation_alias="AUTOFIX_MAX_BODY_BYTES")
    log_format: Literal["auto", "json", "text"] = Field("auto", validation_alias="AUTOFIX_LOG_FORMAT")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", validation_alias="AUTOFIX_LOG_LEVEL"
    )
    railway_webhook_token: SecretStr | None = Field(None, validation_alias="RAILWAY_WEBHOOK_TOKEN")
    github_webhook_secret: SecretStr | None = Field(None, validation_alias="GITHUB_WEBHOOK_SECRET")
    dashboard_token: SecretStr | None = Field(None, validation_alias="AUTOFIX_DASHBOARD_TOKEN")
