"""``autofix serve``: the webhook receiver under uvicorn."""

from __future__ import annotations

import uvicorn

from cli.redis_setup import resolve_redis
from config.settings import Settings
from receiver.app import create_app


def serve(settings: Settings, host: str | None, port: int | None) -> int:
    """Run the receiver until interrupted."""
    settings, embedded = resolve_redis(settings)
    try:
        uvicorn.run(
            create_app(settings),
            host=host or settings.host,
            port=port or settings.port,
            log_config=None,
            proxy_headers=True,
            forwarded_allow_ips="*",
            timeout_graceful_shutdown=10,
        )
    finally:
        if embedded is not None:
            embedded.stop()
    return 0
