"""An HTTP digest as a context section: failing routes first, quieter ones as room allows."""

from __future__ import annotations

from pipeline.context.http_digest import HttpDigest, RouteStats
from pipeline.context.sections import PRIORITY_HIGH, Section

# Routes shown in each rendition, fullest first; None shows only routes with 5xx.
ROUTE_LIMITS: tuple[int | None, ...] = (40, 15, 5, None)


def http_section(
    digest: HttpDigest,
    title: str = "HTTP requests",
    *,
    key: str = "http",
    priority: int = PRIORITY_HIGH,
) -> Section:
    """``digest`` as a section; smaller renditions keep the failing routes."""
    variants: list[str] = []
    for limit in ROUTE_LIMITS:
        body = render_http(digest, limit, upstream=limit is not None)
        if not variants or variants[-1] != body:
            variants.append(body)
    return Section(key=key, title=title, variants=tuple(variants), priority=priority)


def render_http(digest: HttpDigest, limit: int | None, *, upstream: bool = True) -> str:
    """Header, then up to ``limit`` routes (every route with 5xx is always shown)."""
    failing = [r for r in digest.routes if r.server_errors]
    others = [r for r in digest.routes if not r.server_errors]
    room = max(0, (limit or 0) - len(failing))
    shown = failing + others[:room]
    lines = [_header(digest)]
    lines.extend(_route_line(r, upstream) for r in shown)
    left = len(digest.routes) - len(shown)
    if left:
        lines.append(
            f"(left out: {left} routes without 5xx, {sum(r.count for r in others[room:])} requests)"
        )
    return "\n".join(lines)


def _header(digest: HttpDigest) -> str:
    if not digest.total:
        return "no requests"
    span = ""
    if digest.start is not None and digest.end is not None:
        start, end = (t.isoformat(timespec="seconds") for t in (digest.start, digest.end))
        span = f"; {start} to {end}"
    return (
        f"{digest.total} requests, 5xx {_pct(digest.server_errors, digest.total)}, "
        f"4xx {_pct(digest.client_errors, digest.total)}, {len(digest.routes)} routes{span}"
    )


def _route_line(route: RouteStats, upstream: bool) -> str:
    statuses = " ".join(f"{s}x{n}" for s, n in route.statuses.items())
    latency = ""
    if route.p50_ms is not None and route.p95_ms is not None:
        latency = f", p50 {route.p50_ms:.0f}ms p95 {route.p95_ms:.0f}ms"
    line = (
        f"- {route.method} {route.path} x{route.count}: "
        f"5xx {_pct(route.server_errors, route.count)}"
        f" [{statuses}]{latency}"
    )
    if upstream and route.upstream_errors:
        line += "; upstream: " + "; ".join(f"{t} x{n}" for t, n in route.upstream_errors.items())
    return line


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"
