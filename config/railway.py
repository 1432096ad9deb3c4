"""Settings for Railway's GraphQL API and the alerts it sends."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class RailwaySettings(BaseSettings):
    """Which Railway project autofix watches, and how it authenticates."""

    model_config = SettingsConfigDict(extra="ignore")

    railway_api_url: str = Field(
        "https://backboard.railway.com/graphql/v2", validation_alias="RAILWAY_API_URL"
    )
    railway_api_token: SecretStr | None = Field(None, validation_alias="RAILWAY_API_TOKEN")
    railway_token: SecretStr | None = Field(None, validation_alias="RAILWAY_TOKEN")
    railway_project_id: str | None = Field(None, validation_alias="RAILWAY_PROJECT_ID")
    railway_environment_id: str | None = Field(None, validation_alias="RAILWAY_ENVIRONMENT_ID")


def railway_problems(raw: Mapping[str, str]) -> list[str]:
    """Problems that involve more than one Railway variable."""
    if raw.get("RAILWAY_API_TOKEN") and raw.get("RAILWAY_TOKEN"):
        return [
            "RAILWAY_API_TOKEN and RAILWAY_TOKEN are both set: set only one "
            "(RAILWAY_API_TOKEN for an account or workspace token, RAILWAY_TOKEN for a project token)"
        ]
    return []
