"""Log lines as the context builder takes them; the pipeline maps Railway's logs onto these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


@dataclass(frozen=True, slots=True, kw_only=True)
class LogLine:
    """One build or deployment log entry; ``message`` may hold several lines.

    A dataclass, not a model: thousands are made per context from lines already validated
    as Railway's, and a model's construction was a tenth of the digest's time.
    """

    timestamp: datetime | None = None
    severity: str | None = None
    message: str


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
