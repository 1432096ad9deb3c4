"""Which Redis the commands use: ``REDIS_URL``, or an embedded server under the data dir."""

from __future__ import annotations

from config.settings import Settings
from pipeline.redis_server import EmbeddedRedis


def resolve_redis(settings: Settings) -> tuple[Settings, EmbeddedRedis | None]:
    """Settings with a usable ``redis_url``, and the embedded server if we had to start one."""
    if settings.redis_url:
        return settings, None
    embedded = EmbeddedRedis(settings.data_dir).start()
    return settings.model_copy(update={"redis_url": embedded.url}), embedded
