"""``autofix worker``: the arq worker running jobs and periodic sweeps."""

from __future__ import annotations

from cli.redis_setup import resolve_redis
from config.settings import Settings
from pipeline.worker import create_worker


def work(settings: Settings) -> int:
    """Run the worker until interrupted."""
    settings, embedded = resolve_redis(settings)
    try:
        create_worker(settings).run()
    finally:
        if embedded is not None:
            embedded.stop()
    return 0
