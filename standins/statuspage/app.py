"""Starlette app answering ``summary.json`` for each provider from a scenario of documents.

A scenario maps provider ids to document names (the JSON files here); providers it does not
name are operational. Requests are routed by path (``/{provider}/api/v2/summary.json``, what
``AUTOFIX_STATUSPAGE_BASE_URL`` produces) or, for in-process use with providers' real URLs,
by the ``Host`` header (``/api/v2/summary.json`` on ``www.githubstatus.com``).
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pipeline.context.providers import Provider, load_providers

Document = dict[str, Any]
DEFAULT_PAGE = "operational"
# What ``autofix demo`` shows: one provider the sample app uses is having a bad day.
DEMO_SCENARIO: Mapping[str, str] = {"openai": "major_incident"}


def load_pages() -> dict[str, Document]:
    """The documents shipped beside this module, by file name without ``.json``."""
    folder = resources.files("standins.statuspage")
    return {
        entry.name.removesuffix(".json"): json.loads(entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


def create_app(
    scenario: Mapping[str, str] | None = None,
    *,
    pages: Mapping[str, Document] | None = None,
    clock: Callable[[], float] = time.time,
) -> Starlette:
    """An app serving each provider's page per ``scenario`` (provider id → document name)."""
    providers = {p.id: p for p in load_providers()}
    by_host = {_host(p): p for p in providers.values() if p.statuspage}
    documents = dict(pages) if pages is not None else load_pages()
    chosen = dict(scenario or {})

    def answer(provider: Provider | None) -> JSONResponse:
        if provider is None:
            return JSONResponse({"error": "no such page"}, status_code=404)
        name = chosen.get(provider.id, DEFAULT_PAGE)
        return JSONResponse(_recent(_personalise(documents[name], provider), clock()))

    async def by_path(request: Request) -> JSONResponse:
        return answer(providers.get(request.path_params["provider"]))

    async def by_host_header(request: Request) -> JSONResponse:
        return answer(by_host.get(request.headers.get("host", "").split(":")[0]))

    return Starlette(
        routes=[
            Route("/api/v2/summary.json", by_host_header),
            Route("/{provider}/api/v2/summary.json", by_path),
        ]
    )


def demo_app() -> Starlette:
    """The app with ``DEMO_SCENARIO``, for ``uvicorn --factory``."""
    return create_app(DEMO_SCENARIO)


def _host(provider: Provider) -> str:
    return urlsplit(provider.statuspage or "").hostname or ""


def _personalise(document: Document, provider: Provider) -> Document:
    out = copy.deepcopy(document)
    out.setdefault("page", {}).update({"name": provider.name, "url": provider.statuspage})
    return out


def _recent(document: Document, now: float) -> Document:
    """The document with its incidents moved so the newest update was 5 minutes ago.

    The captured pages are dated when they were captured; an outage from last March does
    not explain errors that began this morning, so the stand-in keeps them current.
    """
    stamps = [_parse(v) for v in _timestamps(document.get("incidents", []))]
    if not stamps:
        return document
    shift = now - 300 - max(stamps)
    moved = copy.deepcopy(document)
    for incident in moved.get("incidents", []):
        _shift(incident, shift)
    return moved


def _timestamps(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("_at") and isinstance(item, str):
                yield item
            else:
                yield from _timestamps(item)
    elif isinstance(value, list):
        for item in value:
            yield from _timestamps(item)


def _shift(value: dict[str, object], seconds: float) -> None:
    for key, item in value.items():
        if key.endswith("_at") and isinstance(item, str):
            moved = datetime.fromtimestamp(_parse(item) + seconds, UTC)
            value[key] = moved.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        elif isinstance(item, dict):
            _shift(item, seconds)
        elif isinstance(item, list):
            for entry in item:
                if isinstance(entry, dict):
                    _shift(entry, seconds)


def _parse(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
