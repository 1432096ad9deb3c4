"""Settings of the arq worker: retries, time limits, how long results and de-duplication last."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class JobSettings(BaseSettings):
    """Retries, timeouts, retention."""

    model_config = SettingsConfigDict(extra="ignore")

    max_tries: int = Field(
        5,
        ge=1,
        le=50,
        validation_alias="AUTOFIX_JOB_MAX_TRIES",
        description="Tries of a job before its incident is marked failed.",
    )
    retry_base_seconds: float = Field(
        5.0,
        gt=0,
        validation_alias="AUTOFIX_RETRY_BASE_SECONDS",
        description="First retry delay; doubles each try, with jitter.",
    )
    retry_max_seconds: float = Field(
        300.0,
        gt=0,
        validation_alias="AUTOFIX_RETRY_MAX_SECONDS",
        description="Longest retry delay.",
    )
    job_timeout_seconds: int = Field(
        1800,
        ge=5,
        validation_alias="AUTOFIX_JOB_TIMEOUT_SECONDS",
        description="A job running longer is cancelled and retried.",
    )
    lease_seconds: int = Field(
        30,
        ge=3,
        validation_alias="AUTOFIX_JOB_LEASE_SECONDS",
        description=(
            "A running job's lease, renewed while it runs: after a worker dies, another "
            "takes its job over within this time."
        ),
    )
    concurrency: int = Field(
        10,
        ge=1,
        le=500,
        validation_alias="AUTOFIX_WORKER_CONCURRENCY",
        description="Jobs one worker runs at once.",
    )
    step_result_ttl_seconds: int = Field(
        14 * 86400,
        ge=60,
        validation_alias="AUTOFIX_STEP_RESULT_TTL_SECONDS",
        description="How long step results and timelines are kept.",
    )
    dedupe_ttl_seconds: int = Field(
        3 * 86400,
        ge=60,
        validation_alias="AUTOFIX_DEDUPE_TTL_SECONDS",
        description=(
            "How long a webhook delivery is remembered to refuse its duplicates (GitHub "
            "redelivers for 3 days)."
        ),
    )
    incident_cooldown_seconds: int = Field(
        3600,
        ge=0,
        validation_alias="AUTOFIX_INCIDENT_COOLDOWN_SECONDS",
        description=(
            "After an incident closes, new alerts with the same service and signature are "
            "held for this long."
        ),
    )
