"""URL path templates: ``/users/42/orders/9f1c...`` becomes ``/users/{id}/orders/{id}``."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_ID_SEGMENT = re.compile(
    r"\d+"
    r"|(?i:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"|(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}"
    r"|(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{10,}"
    r"|[\w.+-]+@[\w.-]+"
    r"|[A-Za-z0-9_-]{24,}"
)
# Above this many distinct values in one position a segment is a slug or a name, not a route.
MAX_LITERALS = 12


def template_path(path: str) -> str:
    """``path`` with id-like segments replaced by ``{id}`` and query values by ``…``."""
    path, _, query = path.partition("?")
    path = path.split("#", 1)[0]
    segments = ["{id}" if _ID_SEGMENT.fullmatch(s) else s for s in path.split("/")]
    out = "/".join(segments)
    if query:
        keys = sorted({pair.split("=", 1)[0] for pair in query.split("&") if pair})
        out += "?" + "&".join(f"{k}=…" for k in keys)
    return out


def collapse_rare_segments(paths: Iterable[str], limit: int = MAX_LITERALS) -> dict[str, str]:
    """Path templates mapped so that crowded positions (over ``limit`` values) read ``{*}``."""
    unique = sorted(set(paths))
    split = {p: p.split("/") for p in unique}
    depth = max((len(s) for s in split.values()), default=0)
    for position in range(depth):
        values: dict[tuple[int, tuple[str, ...]], set[str]] = defaultdict(set)
        for segments in split.values():
            if position < len(segments):
                values[_siblings(segments, position)].add(segments[position])
        for segments in split.values():
            if position < len(segments) and len(values[_siblings(segments, position)]) > limit:
                segments[position] = "{*}"
    return {p: "/".join(split[p]) for p in unique}


def _siblings(segments: list[str], position: int) -> tuple[int, tuple[str, ...]]:
    return len(segments), tuple(segments[:position])
