"""Settings of the analysis and fix stages: cost limits and the size of an acceptable change."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class AnalysisSettings(BaseSettings):
    """Limits on LLM spend and on what an automated change may touch."""

    model_config = SettingsConfigDict(extra="ignore")

    incident_token_budget: int = Field(
        200_000,
        ge=1_000,
        validation_alias="AUTOFIX_INCIDENT_TOKEN_BUDGET",
        description="LLM tokens one incident may use across all its attempts (analyst calls).",
    )
    llm_timeout_seconds: float = Field(
        120.0,
        gt=0,
        validation_alias="AUTOFIX_LLM_TIMEOUT_SECONDS",
        description="Longest wait for one analyst answer.",
    )
    max_files_changed: int = Field(
        20,
        ge=1,
        validation_alias="AUTOFIX_MAX_FILES_CHANGED",
        description="Largest number of files a fix may change.",
    )
    max_lines_changed: int = Field(
        500,
        ge=1,
        validation_alias="AUTOFIX_MAX_LINES_CHANGED",
        description="Largest number of lines a fix may add and delete.",
    )
    min_fix_confidence: float = Field(
        0.5,
        ge=0,
        le=1,
        validation_alias="AUTOFIX_MIN_FIX_CONFIDENCE",
        description="Below this confidence an analysis is only reported, not acted on.",
    )
