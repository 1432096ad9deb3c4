"""Settings of the closed loop: checking production after a fix is merged, and after a rejection."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class VerifySettings(BaseSettings):
    """How long autofix waits for the merge to deploy and how long it then watches."""

    model_config = SettingsConfigDict(extra="ignore")

    verify_window_minutes: int = Field(
        30,
        ge=1,
        le=24 * 60,
        validation_alias="AUTOFIX_VERIFY_WINDOW_MINUTES",
        description="Minutes of metrics after the fix is deployed that decide whether it worked.",
    )
    verify_deploy_deadline_minutes: int = Field(
        120,
        ge=1,
        validation_alias="AUTOFIX_VERIFY_DEPLOY_DEADLINE_MINUTES",
        description="How long after a merge autofix waits for Railway to deploy the merge commit.",
    )
    verify_poll_seconds: int = Field(
        60,
        ge=1,
        validation_alias="AUTOFIX_VERIFY_POLL_SECONDS",
        description="How often autofix looks for the merge commit's deployment.",
    )
    rejected_cooldown_seconds: int = Field(
        7 * 86_400,
        ge=0,
        validation_alias="AUTOFIX_REJECTED_COOLDOWN_SECONDS",
        description="After a PR closes unmerged, no incident opens for its signature this long.",
    )
