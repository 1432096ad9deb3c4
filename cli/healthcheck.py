"""``autofix healthcheck``: the container's health, whichever role it runs.

A receiver answers ``/healthz`` on ``PORT``; a worker-only container serves no HTTP, so there
the check is that a worker reported in to Redis within the last minute.
"""

from __future__ import annotations

import asyncio

import httpx
from redis.exceptions import RedisError

from config.settings import Settings
from pipeline.connections import QUEUE_NAME, connect


def healthcheck(settings: Settings) -> int:
    """0 when healthy, 1 otherwise."""
    try:
        answer = httpx.get(f"http://127.0.0.1:{settings.port}/healthz", timeout=3)
    except httpx.ConnectError:
        return 0 if asyncio.run(_worker_alive(settings)) else 1
    except httpx.HTTPError:
        return 1
    return 0 if answer.status_code == 200 else 1


async def _worker_alive(settings: Settings) -> bool:
    if not settings.redis_url:
        return False
    redis = connect(settings.redis_url)
    try:
        return bool(await redis.exists(QUEUE_NAME + ":health-check"))
    except (RedisError, OSError):
        return False
    finally:
        await redis.aclose()
