"""The worker's dependency container: built once at start-up from ``Settings``, closed at shutdown.

Jobs receive it typed, instead of reaching into arq's ``ctx`` dict or module globals.
Integrations that are not configured are None; ``require_*`` turns that into a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import httpx2
from arq.connections import ArqRedis

from config.settings import Settings
from pipeline.connections import connect
from pipeline.context.secrets.masker import SecretMasker
from pipeline.context.secrets.registered import secrets_of
from pipeline.errors import ConfigurationError
from pipeline.github.client import GitHubClient
from pipeline.github.factory import github_client
from pipeline.incidents.store import IncidentStore
from pipeline.llm.budget import TokenBudget
from pipeline.llm.client import LLMClient
from pipeline.metrics import Recorder
from pipeline.railway.client import RailwayClient
from pipeline.statuspage.client import StatuspageClient
from pipeline.steps import Steps


@dataclass
class Deps:
    """Everything a job may need."""

    settings: Settings
    redis: ArqRedis
    incidents: IncidentStore
    http: httpx.AsyncClient
    metrics: Recorder
    masker: SecretMasker
    statuspage: StatuspageClient
    railway: RailwayClient | None = None
    github: GitHubClient | None = None
    llm: LLMClient | None = None

    @classmethod
    def open(cls, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> Deps:
        """Build the container; ``transport`` replaces the network of the httpx clients (tests)."""
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
            masker=SecretMasker(registered=secrets_of(settings)),
            statuspage=StatuspageClient(
                http,
                timeout=settings.statuspage_timeout_seconds,
                base_url=settings.statuspage_base_url,
            ),
            railway=cls.railway_client(http, settings),
            github=_github(settings),
            llm=cls.llm_client(settings),
        )

    @staticmethod
    def railway_client(http: httpx.AsyncClient, settings: Settings) -> RailwayClient | None:
        """The Railway client for ``settings``, or None without a token."""
        if settings.railway_api_token is None and settings.railway_token is None:
            return None
        return RailwayClient.from_settings(http, settings)

    @staticmethod
    def llm_client(settings: Settings) -> LLMClient | None:
        """The analyst's client for ``settings``, or None without an API key."""
        key = settings.llm_key()
        if key is None:
            return None
        timeout = httpx2.Timeout(settings.llm_timeout_seconds, connect=10.0)
        return LLMClient(
            base_url=settings.llm_base_url,
            api_key=key.get_secret_value(),
            model=settings.llm_model,
            http=httpx2.AsyncClient(timeout=timeout),
            timeout=settings.llm_timeout_seconds,
        )

    def require_railway(self) -> RailwayClient:
        """The Railway client, or a configuration error naming the missing token."""
        if self.railway is None:
            raise ConfigurationError("no Railway token: set RAILWAY_API_TOKEN (or RAILWAY_TOKEN)")
        return self.railway

    def require_github(self) -> GitHubClient:
        """The GitHub client, or a configuration error."""
        if self.github is None:
            raise ConfigurationError("no GitHub credentials: set GITHUB_TOKEN or GITHUB_APP_ID")
        return self.github

    def require_llm(self) -> LLMClient:
        """The analyst's LLM client, or a configuration error."""
        if self.llm is None:
            raise ConfigurationError("no LLM API key: set AUTOFIX_LLM_API_KEY or OPENAI_API_KEY")
        return self.llm

    def budget(self, incident_id: str) -> TokenBudget:
        """The incident's LLM token budget."""
        return TokenBudget(self.redis, incident_id, self.settings.incident_token_budget)

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
        if self.llm is not None:
            await self.llm.aclose()
        close_github = getattr(self.github, "close", None)
        if close_github is not None:
            close_github()
        await self.http.aclose()
        await self.redis.aclose()


def _github(settings: Settings) -> GitHubClient | None:
    if settings.github_token is None and settings.github_app_id is None:
        return None
    return github_client(settings)
