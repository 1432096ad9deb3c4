"""Settings of the periodic monitoring sweep (the arq cron and ``autofix check``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SweepSettings(BaseSettings):
    """How often and how widely the sweep looks."""

    model_config = SettingsConfigDict(extra="ignore")

    sweep_minutes: int = Field(
        10,
        ge=0,
        le=60,
        validation_alias="AUTOFIX_SWEEP_MINUTES",
        description="Minutes between sweeps of every service (0 turns the sweep off).",
    )
    sweep_window_minutes: int = Field(
        10,
        ge=1,
        le=180,
        validation_alias="AUTOFIX_SWEEP_WINDOW_MINUTES",
        description="How far back each sweep looks at CPU, memory, error rates and latency.",
    )
    sweep_concurrency: int = Field(
        4,
        ge=1,
        le=32,
        validation_alias="AUTOFIX_SWEEP_CONCURRENCY",
        description="Services read from Railway at once during a sweep (Railway rate-limits).",
    )
