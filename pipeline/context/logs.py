"""Log lines as the context builder takes them; the pipeline maps Railway's logs onto these."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class LogLine(BaseModel):
    """One build or deployment log entry; ``message`` may hold several lines."""

    model_config = ConfigDict(frozen=True)

    timestamp: datetime | None = None
    severity: str | None = None
    message: str
    attributes: dict[str, str] = Field(default_factory=dict)


class HttpRequestLog(BaseModel):
    """One request seen by Railway's edge proxy."""

    model_config = ConfigDict(frozen=True)

    timestamp: datetime | None = None
    method: str
    path: str
    status: int = Field(ge=0, le=999)
    duration_ms: float | None = Field(None, ge=0)
    request_id: str | None = None
    host: str | None = None
    upstream_errors: str | None = None
