"""The receiver: a Starlette app that verifies webhooks, queues them, and answers fast."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq.connections import ArqRedis
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from config.settings import Settings
from pipeline.connections import connect
from pipeline.intake.classify import Policy
from receiver.answers import rejected
from receiver.dashboard.views import Dashboard
from receiver.github import github_webhook
from receiver.health import healthz, readyz
from receiver.metrics import ReceiverMetrics, metrics_endpoint
from receiver.railway import railway_webhook
from receiver.state import ReceiverState

logger = logging.getLogger(__name__)


def create_app(settings: Settings, *, redis: ArqRedis | None = None) -> Starlette:
    """Build the app; ``redis`` is opened from ``settings.redis_url`` unless one is given."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, ReceiverState]]:
        if redis is None and settings.redis_url is None:
            raise ValueError(
                "create_app needs a resolved redis_url (the CLI starts embedded Redis first)"
            )
        queue = redis if redis is not None else connect(settings.redis_url or "")
        try:
            yield {
                "receiver": ReceiverState(settings, queue, Policy.from_settings(settings), metrics)
            }
        finally:
            if redis is None:
                await queue.aclose()

    metrics = ReceiverMetrics()
    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
        Route(
            "/webhooks/railway/{token}",
            metrics.counted("railway", railway_webhook),
            methods=["POST"],
        ),
        Route("/webhooks/github", metrics.counted("github", github_webhook), methods=["POST"]),
    ]
    if settings.dashboard_token is not None:
        routes += Dashboard(settings.dashboard_token.get_secret_value()).routes()
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return rejected(exc.status_code, exc.detail)


async def _internal_error(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return rejected(500, "internal error; the details are in autofix's logs")
