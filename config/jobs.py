"""Settings of the arq worker: retries, time limits, how long results and de-duplication last."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class JobSettings(BaseSettings):
    """Retries, timeouts, retention."""

    model_config = SettingsConfigDict(extra="ignore")

    max_tries: int = Field(5, ge=1, le=50, validation_alias="AUTOFIX_JOB_MAX_TRIES")
    retry_base_seconds: float = Field(5.0, gt=0, validation_alias="AUTOFIX_RETRY_BASE_SECONDS")
    retry_max_seconds: float = Field(300.0, gt=0, validation_alias="AUTOFIX_RETRY_MAX_SECONDS")
    job_timeout_seconds: int = Field(1800, ge=5, validation_alias="AUTOFIX_JOB_TIMEOUT_SECONDS")
    lease_seconds: int = Field(30, ge=3, validation_alias="AUTOFIX_JOB_LEASE_SECONDS")
    concurrency: int = Field(10, ge=1, le=500, validation_alias="AUTOFIX_WORKER_CONCURRENCY")
    step_result_ttl_seconds: int = Field(
        14 * 86400, ge=60, validation_alias="AUTOFIX_STEP_RESULT_TTL_SECONDS"
    )
    dedupe_ttl_seconds: int = Field(3 * 86400, ge=60, validation_alias="AUTOFIX_DEDUPE_TTL_SECONDS")
    incident_cooldown_seconds: int = Field(
        3600, ge=0, validation_alias="AUTOFIX_INCIDENT_COOLDOWN_SECONDS"
    )
