"""The worker's dependency container: built once at start-up from ``Settings``, closed at shutdown.

Jobs receive it typed, instead of reaching into arq's ``ctx`` dict or module globals.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.connections import connect
from pipeline.errors import ConfigurationError
from pipeline.incidents.store import IncidentStore
from pipeline.metrics import Recorder
from pipeline.railway.client import RailwayClient
from pipeline.steps import Steps


@dataclass
class Deps:
    """Everything a job may need; integrations are None when not configured."""

    settings: Settings
    redis: ArqRedis
    incidents: IncidentStore
    http: httpx.AsyncClient
    metrics: Recorder
    railway: RailwayClient | None = None

    @classmethod
    def open(cls, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> Deps:
        """Build the container; ``transport`` replaces the network for every HTTP client (tests)."""
        if settings.redis_url is None:
            raise ValueError(
                "Deps needs a resolved redis_url (the CLI starts embedded Redis first)"
            )
        redis = connect(settings.redis_url)
        http = httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(30.0, connect=10.0))
        return cls(
            settings=settings,
            redis=redis,
            incidents=IncidentStore(redis, cooldown_seconds=settings.incident_cooldown_seconds),
            http=http,
            metrics=Recorder(redis),
            railway=_railway(http, settings),
        )

    def require_railway(self) -> RailwayClient:
        """The Railway client, or a configuration error naming the missing token."""
        if self.railway is None:
            raise ConfigurationError("no Railway token: set RAILWAY_API_TOKEN (or RAILWAY_TOKEN)")
        return self.railway

    def steps(self, run_id: str, attempt: int) -> Steps:
        """The durable steps of run ``run_id``, on attempt ``attempt``."""
        return Steps(
            self.redis,
            run_id,
            attempt=attempt,
            ttl_seconds=self.settings.step_result_ttl_seconds,
            recorder=self.metrics,
        )

    async def aclose(self) -> None:
        """Close connections."""
        await self.http.aclose()
        await self.redis.aclose()


def _railway(http: httpx.AsyncClient, settings: Settings) -> RailwayClient | None:
    if settings.railway_api_token is None and settings.railway_token is None:
        return None
    return RailwayClient.from_settings(http, settings)
