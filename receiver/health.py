"""``/healthz`` (the process is up) and ``/readyz`` (it can queue work: Redis answers)."""

from __future__ import annotations

import asyncio

from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from receiver.answers import rejected
from receiver.state import state_of


async def healthz(request: Request) -> Response:
    """Always 200 while the process serves requests."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """200 when Redis answers a PING within a second, else 503 with the reason."""
    try:
        async with asyncio.timeout(1.0):
            await state_of(request).redis.ping()
    except (RedisError, OSError, TimeoutError) as exc:
        return rejected(503, f"redis: {type(exc).__name__}: {exc}".rstrip(": "))
    return JSONResponse({"status": "ready"})
