"""Settings for Railway's GraphQL API and the alerts it sends."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class RailwaySettings(BaseSettings):
    """Which Railway project autofix watches, and how it authenticates."""

    model_config = SettingsConfigDict(extra="ignore")

    railway_api_url: str = Field(
        "https://backboard.railway.com/graphql/v2",
        validation_alias="RAILWAY_API_URL",
        description="Railway's public GraphQL endpoint (a stand-in's URL in tests and demos).",
    )
    railway_api_token: SecretStr | None = Field(
        None,
        validation_alias="RAILWAY_API_TOKEN",
        description="Account or workspace token, sent as `Authorization: Bearer`.",
    )
    railway_token: SecretStr | None = Field(
        None,
        validation_alias="RAILWAY_TOKEN",
        description="Project token (one environment of one project), "
        "sent as `Project-Access-Token`.",
    )
    railway_project_id: str | None = Field(
        None, validation_alias="RAILWAY_PROJECT_ID", description="Project autofix watches."
    )
    railway_environment_id: str | None = Field(
        None, validation_alias="RAILWAY_ENVIRONMENT_ID", description="Environment autofix watches."
    )
    railway_timeout_seconds: float = Field(
        20.0,
        gt=0,
        le=300,
        validation_alias="RAILWAY_TIMEOUT_SECONDS",
        description="Timeout of one GraphQL request; a timeout counts as a retryable failure.",
    )
    railway_max_attempts: int = Field(
        3,
        ge=1,
        le=10,
        validation_alias="RAILWAY_MAX_ATTEMPTS",
        description="Attempts within one client call before the pipeline's own retry takes over.",
    )
    railway_max_wait_seconds: float = Field(
        5.0,
        ge=0,
        le=120,
        validation_alias="RAILWAY_MAX_WAIT_SECONDS",
        description="Longest pause within a call (backoff or Retry-After); longer waits are "
        "handed to the pipeline as RateLimited/RetryableError.",
    )


def railway_problems(raw: Mapping[str, str]) -> list[str]:
    """Problems that involve more than one Railway variable."""
    if raw.get("RAILWAY_API_TOKEN") and raw.get("RAILWAY_TOKEN"):
        return [
            "RAILWAY_API_TOKEN and RAILWAY_TOKEN are both set: set only one (RAILWAY_API_TOKEN "
            "for an account or workspace token, RAILWAY_TOKEN for a project token)"
        ]
    return []
