"""The stand-in's HTTP face: ``POST /graphql/v2`` answered like Railway, plus ``/_control``.

Every document is parsed and validated against Railway's real schema before it runs, so a
query that Railway would reject is rejected here first, with ``errors`` and no ``data``.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode, execute_sync, get_operation_ast
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from standins.railway.control import control_routes
from standins.railway.faults import Fault, FaultPlan
from standins.railway.resolvers import RailwayQuery
from standins.railway.schema import check, railway_schema
from standins.railway.state import (
    HOURLY_QUOTA,
    AuthKind,
    RecordedRequest,
    StandinState,
    Tokens,
)
from standins.railway.world import World

GRAPHQL_PATH = "/graphql/v2"
_HANG_SECONDS = 3600.0


def create_app(
    world: World, *, tokens: Tokens | None = None, faults: FaultPlan | None = None
) -> Starlette:
    """A Starlette app serving ``world``; its ``StandinState`` is ``app.state.railway``."""
    state = StandinState(world=world, tokens=tokens or Tokens(), faults=faults or FaultPlan())
    railway_schema()  # built now, so that the first request is not the slow one

    async def graphql(request: Request) -> JSONResponse:
        return await _answer(state, request)

    app = Starlette(routes=[Route(GRAPHQL_PATH, graphql, methods=["POST"]), *control_routes()])
    app.state.railway = state
    return app


@dataclass(frozen=True)
class _Call:
    state: StandinState
    operation: str | None
    variables: dict[str, Any]
    auth: AuthKind

    def reply(
        self,
        status: int,
        messages: list[str],
        *,
        data: bool = False,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> JSONResponse:
        extensions = {"extensions": {"code": code}} if code else {}
        payload: dict[str, Any] = {"errors": [{"message": m, **extensions} for m in messages]}
        if data:
            payload["data"] = None
        return self.respond(payload, status, messages, headers)

    def respond(
        self,
        payload: dict[str, Any],
        status: int,
        messages: list[str],
        headers: dict[str, str] | None = None,
    ) -> JSONResponse:
        self.state.requests.append(
            RecordedRequest(
                operation=self.operation,
                variables=self.variables,
                auth=self.auth,
                status=status,
                errors=messages,
            )
        )
        quota = {
            "X-RateLimit-Limit": str(HOURLY_QUOTA),
            "X-RateLimit-Remaining": str(self.state.remaining),
        }
        return JSONResponse(payload, status_code=status, headers={**quota, **(headers or {})})


async def _answer(state: StandinState, request: Request) -> JSONResponse:
    try:
        body = await request.json()
    except ValueError:
        body = None
    auth = state.tokens.kind({k.lower(): v for k, v in request.headers.items()})
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return _Call(state, None, {}, auth).reply(400, ["Must provide query string."])
    document, problems = check(body["query"])
    operation = body.get("operationName") or _operation_name(document)
    call = _Call(state, operation, body.get("variables") or {}, auth)
    fault = state.faults.take(operation)
    if fault is not None and (early := await _misbehave(call, fault)) is not None:
        return early
    if auth in ("none", "invalid"):
        return call.reply(200, ["Not Authorized"], data=True)
    if document is None or problems:
        # A document that does not validate is answered without running it.
        return call.reply(400, [p.message for p in problems], code="GRAPHQL_VALIDATION_FAILED")
    result = execute_sync(
        railway_schema(),
        document,
        root_value=RailwayQuery(state.world).root(),
        variable_values=call.variables,
        operation_name=operation,
    )
    return call.respond(dict(result.formatted), 200, [e.message for e in result.errors or []])


async def _misbehave(call: _Call, fault: Fault) -> JSONResponse | None:
    if fault.kind == "latency":
        await asyncio.sleep(fault.seconds or 0.0)
        return None
    if fault.kind == "hang":
        await asyncio.sleep(_HANG_SECONDS if fault.seconds is None else fault.seconds)
        return call.reply(504, ["Gateway Timeout"])
    if fault.kind == "rate_limit":
        reset = math.ceil(call.state.world.now()) + 3600
        headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)}
        if fault.seconds is not None:
            headers["Retry-After"] = str(math.ceil(fault.seconds))
        return call.reply(429, ["Too many requests"], headers=headers)
    return call.reply(fault.status, ["Internal server error"])


def _operation_name(document: DocumentNode | None) -> str | None:
    found = get_operation_ast(document) if document is not None else None
    return found.name.value if found is not None and found.name is not None else None
