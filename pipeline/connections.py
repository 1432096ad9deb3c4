"""Connections to Redis, shared by the receiver and the worker.

Jobs and their results are serialised as JSON, never pickle: a payload from the internet
must not be able to become code, and an operator can read the queue with ``redis-cli``.
"""

from __future__ import annotations

import json
from typing import Any

from arq.connections import ArqRedis, RedisSettings
from redis.asyncio import ConnectionPool

QUEUE_NAME = "autofix:queue"


def serialize(data: Any) -> bytes:
    """JSON for arq; exceptions in failed results become their text."""
    return json.dumps(data, default=str, separators=(",", ":")).encode()


def deserialize(raw: bytes) -> Any:
    """Inverse of :func:`serialize`."""
    return json.loads(raw)


def redis_settings(url: str) -> RedisSettings:
    """arq's settings for ``url`` (``redis://``, ``rediss://`` or ``unix://``)."""
    settings = RedisSettings.from_dsn(url)
    settings.conn_timeout = 2
    settings.conn_retries = 3
    return settings


def connect(url: str, *, timeout: float = 2.0) -> ArqRedis:
    """A lazily connecting pool: creating it never blocks, the first command may fail."""
    pool = ConnectionPool.from_url(
        url, socket_timeout=timeout, socket_connect_timeout=timeout, health_check_interval=30
    )
    redis = ArqRedis(
        pool,
        job_serializer=serialize,
        job_deserializer=deserialize,
        default_queue_name=QUEUE_NAME,
    )
    # The client made the pool, so the client closes it (redis-py only does so for from_url).
    redis.auto_close_connection_pool = True
    return redis
