"""Settings for the context gathered before analysis: token budget, digests, status pages."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ContextSettings(BaseSettings):
    """How much context the LLM gets, and where upstream status comes from."""

    model_config = SettingsConfigDict(extra="ignore")

    context_token_budget: int = Field(
        12_000,
        ge=1_000,
        le=400_000,
        validation_alias="AUTOFIX_CONTEXT_TOKEN_BUDGET",
        description=("Upper bound, in estimated tokens, on the incident context sent to the LLM."),
    )
    context_max_trace_lines: int = Field(
        60,
        ge=5,
        le=1_000,
        validation_alias="AUTOFIX_CONTEXT_MAX_TRACE_LINES",
        description=(
            "Longest stack trace kept whole in a log digest; longer ones keep head and tail."
        ),
    )
    statuspage_timeout_seconds: float = Field(
        5.0,
        gt=0,
        le=60,
        validation_alias="AUTOFIX_STATUSPAGE_TIMEOUT_SECONDS",
        description=(
            "Time allowed for one provider's /api/v2/summary.json before it counts as unknown."
        ),
    )
    statuspage_base_url: str | None = Field(
        None,
        validation_alias="AUTOFIX_STATUSPAGE_BASE_URL",
        description=(
            "Read every provider's status from {base}/{provider}/api/v2/summary.json instead of "
            "its public page (the local stand-in, for the demo and tests)."
        ),
    )
