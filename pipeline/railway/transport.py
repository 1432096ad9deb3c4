"""One GraphQL operation over HTTP: authenticate, send, map failures, retry briefly."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from pipeline.errors import RetryableError
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.errors import (
    CallContext,
    RailwayQueryError,
    error_for_errors,
    error_for_status,
    error_for_transport,
    graphql_messages,
)
from pipeline.railway.queries import Operation, operation
from pipeline.railway.rate_limit import RateLimitStatus
from pipeline.railway.retry import RetryPolicy

log = logging.getLogger(__name__)

ShapeT = TypeVar("ShapeT", bound=BaseModel)


class GraphQLTransport:
    """Sends operations to Railway's GraphQL endpoint and returns their ``data``."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        url: str,
        credentials: RailwayCredentials,
        retry: RetryPolicy,
        timeout: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._url = url
        self._headers = credentials.headers()
        self._retry = retry
        self._timeout = timeout
        self._clock = clock
        self.rate_limit: RateLimitStatus | None = None

    async def fetch(self, name: str, variables: Mapping[str, Any], shape: type[ShapeT]) -> ShapeT:
        """Run the operation ``name`` and read its ``data`` as ``shape``."""
        return await self.fetch_operation(operation(name), variables, shape)

    async def fetch_operation(
        self, op: Operation, variables: Mapping[str, Any], shape: type[ShapeT]
    ) -> ShapeT:
        """Run ``op`` and read its ``data`` as ``shape``."""
        data = await self.execute(op, variables)
        try:
            return shape.model_validate(data)
        except ValidationError as exc:
            # Railway answered, but not in the shape the schema promised: a schema change.
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            problem = f"unexpected response shape at {where}: {first['msg']}"
            raise RailwayQueryError(CallContext(op.name, variables), [problem], 200) from exc

    async def execute(self, op: Operation, variables: Mapping[str, Any]) -> dict[str, Any]:
        """The operation's ``data``; raises our errors once the in-call attempts are spent."""
        context = CallContext(op.name, variables)
        attempt = 1
        while True:
            try:
                return await self._send(op, variables, context)
            except RetryableError as error:
                wait = self._retry.delay(error, attempt)
                if wait is None:
                    raise
                log.info(
                    "railway %s attempt %d failed, retrying in %.1fs: %s",
                    op.name,
                    attempt,
                    wait,
                    error.message,
                )
                await self._retry.sleep(wait)
                attempt += 1

    async def _send(
        self, op: Operation, variables: Mapping[str, Any], context: CallContext
    ) -> dict[str, Any]:
        body = {"query": op.document, "operationName": op.name, "variables": dict(variables)}
        timeout = httpx.USE_CLIENT_DEFAULT if self._timeout is None else self._timeout
        try:
            response = await self._http.post(
                self._url, json=body, headers=self._headers, timeout=timeout
            )
        except httpx.TransportError as exc:
            raise error_for_transport(exc, context) from exc
        now = self._clock()
        self.rate_limit = RateLimitStatus.from_headers(response.headers, now)
        if not response.is_success:
            raise error_for_status(response, context, now)
        return _data(response, context)


def _data(response: httpx.Response, context: CallContext) -> dict[str, Any]:
    try:
        payload = response.json()
    except ValueError as exc:
        # A 200 that is not JSON comes from something in front of Railway, not from Railway.
        raise RetryableError(context.describe("response was not JSON")) from exc
    messages = graphql_messages(payload)
    if messages:
        raise error_for_errors(messages, context)
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, dict):
        raise RailwayQueryError(
            context, ["response carried neither data nor errors"], response.status_code
        )
    return data
