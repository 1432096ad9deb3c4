"""Which alerts are in scope for autofix."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class IntakeSettings(BaseSettings):
    """Scope of the Railway alert intake."""

    model_config = SettingsConfigDict(extra="ignore")

    railway_project_ids: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        validation_alias="AUTOFIX_RAILWAY_PROJECT_IDS",
        description="Comma-separated Railway project ids whose alerts are accepted; "
        "empty: RAILWAY_PROJECT_ID if set, else any project.",
    )
    include_ephemeral: bool = Field(
        False,
        validation_alias="AUTOFIX_INCLUDE_EPHEMERAL",
        description="Act on alerts from ephemeral (PR) environments too.",
    )
    own_service_id: str | None = Field(
        None,
        validation_alias="RAILWAY_SERVICE_ID",
        description="autofix's own service id (Railway injects it); alerts about it are ignored.",
    )

    @field_validator("railway_project_ids", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value
