"""``StatuspageClient``: reads providers' ``/api/v2/summary.json`` pages.

Failures are mapped at the boundary, then turned into an "unknown" status with a reason,
because a status page that is down must never stop an incident analysis:

    httpx.TimeoutException, httpx.TransportError  →  RetryableError
    HTTP 429                                       →  RateLimited (Retry-After honoured)
    HTTP 5xx                                       →  RetryableError
    other non-200, non-JSON, wrong shape           →  PermanentError
    any of the above, in ``status()``              →  ProviderStatus(indicator="unknown")
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

import httpx
from pydantic import ValidationError

from pipeline.context.providers import Provider
from pipeline.errors import AutofixError, PermanentError, RateLimited, RetryableError
from pipeline.statuspage.models import ProviderStatus, Summary, status_from_summary

SUMMARY_PATH = "/api/v2/summary.json"


def summary_url(provider: Provider, base_url: str | None = None) -> str | None:
    """Where ``provider``'s summary is read: its page, or ``{base_url}/{id}`` for the stand-in."""
    if provider.statuspage is None:
        return None
    if base_url:
        return f"{base_url.rstrip('/')}/{provider.id}{SUMMARY_PATH}"
    return f"{provider.statuspage.rstrip('/')}{SUMMARY_PATH}"


class StatuspageClient:
    """Reads provider status pages through an injected ``httpx.AsyncClient``."""

    def __init__(
        self, http: httpx.AsyncClient, *, timeout: float = 5.0, base_url: str | None = None
    ) -> None:
        self._http = http
        self._timeout = timeout
        self._base_url = base_url

    async def status(self, provider: Provider) -> ProviderStatus:
        """``provider``'s current status; "unknown" with a reason when the page cannot be read."""
        url = summary_url(provider, self._base_url)
        if url is None:
            return _unknown(provider, "no Statuspage-format page known for this provider")
        try:
            summary = await self.summary(url)
        except AutofixError as exc:
            return _unknown(provider, exc.message)
        return status_from_summary(
            summary, provider.id, provider.name, implies_service=provider.implies_service
        )

    async def statuses(self, providers: Iterable[Provider]) -> list[ProviderStatus]:
        """The status of each provider, read concurrently, in the order given."""
        return list(await asyncio.gather(*(self.status(p) for p in providers)))

    async def summary(self, url: str) -> Summary:
        """The parsed summary at ``url``; raises our errors, retryable or not."""
        try:
            response = await self._http.get(
                url, timeout=self._timeout, headers={"Accept": "application/json"}
            )
        except httpx.TimeoutException as exc:
            raise RetryableError(f"{url}: no answer within {self._timeout:g}s") from exc
        except httpx.TransportError as exc:
            raise RetryableError(f"{url}: unreachable ({type(exc).__name__})") from exc
        _raise_for_status(url, response)
        try:
            return Summary.model_validate_json(response.content)
        except ValidationError as exc:
            raise PermanentError(
                f"{url}: not a Statuspage summary ({_first_problem(exc)})"
            ) from exc


def _raise_for_status(url: str, response: httpx.Response) -> None:
    code = response.status_code
    if code == 200:
        return
    if code == 429:
        raise RateLimited(f"{url}: HTTP 429", retry_after=_retry_after(response))
    if code >= 500:
        raise RetryableError(f"{url}: HTTP {code}")
    raise PermanentError(f"{url}: HTTP {code}")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.replace(".", "", 1).isdigit() else None


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "document"
    return f"{where}: {error['msg']}"


def _unknown(provider: Provider, reason: str) -> ProviderStatus:
    return ProviderStatus(
        provider_id=provider.id,
        name=provider.name,
        indicator="unknown",
        implies_service=provider.implies_service,
        reason=reason,
    )
