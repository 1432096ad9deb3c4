"""Running a real arq worker inside a test, in burst mode (it returns when the queue is empty)."""

from __future__ import annotations

from collections.abc import Sequence

import httpx
from arq.worker import Function

from config.settings import Settings
from pipeline.worker import create_worker


async def drain(
    settings: Settings,
    *,
    extra_functions: Sequence[Function] = (),
    transport: httpx.AsyncBaseTransport | None = None,
) -> None:
    """Run every queued (and deferred) job to completion."""
    worker = create_worker(
        settings, burst=True, extra_functions=extra_functions, transport=transport, poll_delay=0.01
    )
    try:
        await worker.async_run()
    finally:
        await worker.close()
