"""A deterministic incident-shaped deployment log: a service whose database goes away."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from pipeline.context.logs import HttpRequestLog, LogLine

START = datetime(2026, 3, 14, 9, 0, 0, tzinfo=UTC)

PY_TRACE = [
    "Traceback (most recent call last):",
    '  File "/app/.venv/lib/python3.11/site-packages/starlette/routing.py", line 74, in app',
    "    response = await func(request)",
    '  File "/app/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 301, in app',
    "    raw_response = await run_endpoint_function(",
    '  File "/app/.venv/lib/python3.11/site-packages/fastapi/routing.py", line 212, in run',
    "    return await dependant.call(**values)",
    '  File "/app/app/api/orders.py", line {line}, in create_order',
    "    order = await repo.insert(payload)",
    '  File "/app/app/db/repo.py", line 88, in insert',
    "    async with self.pool.acquire() as conn:",
    '  File "/app/.venv/lib/python3.11/site-packages/asyncpg/pool.py", line 1024, in __aenter__',
    "    self.connection = await self.pool._acquire(self.timeout)",
    "asyncpg.exceptions.ConnectionDoesNotExistError: connection was closed mid-operation",
]
JS_TRACE = [
    "TypeError: Cannot read properties of undefined (reading 'total')",
    "    at computeInvoice (/app/dist/billing/invoice.js:41:22)",
    "    at /app/dist/routes/checkout.js:88:19",
    "    at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)",
    "    at next (/app/node_modules/express/lib/router/route.js:149:13)",
    "    at Route.dispatch (/app/node_modules/express/lib/router/route.js:119:3)",
]


def _line(at: datetime, message: str, severity: str = "info") -> LogLine:
    return LogLine(timestamp=at, severity=severity, message=message)


def incident_logs(minutes: int = 15, seed: int = 7) -> list[LogLine]:
    """Access logs and chatter, then a database outage with tracebacks, retries and warnings."""
    rng = random.Random(seed)
    out: list[LogLine] = []
    at = START
    for second in range(minutes * 60):
        at = START + timedelta(seconds=second)
        out.extend(_background(rng, at))
        if second > 300 and second % 7 == 0:
            out.extend(_outage(rng, at))
        if second % 97 == 0:
            out.extend(
                _line(at + timedelta(milliseconds=i), t, "error") for i, t in enumerate(JS_TRACE)
            )
    return out


def _background(rng: random.Random, at: datetime) -> list[LogLine]:
    order = rng.randint(10_000, 99_999)
    ip = f"10.0.{rng.randint(0, 9)}.{rng.randint(1, 250)}:{rng.randint(30000, 60000)}"
    lines = [
        _line(at, f'INFO:     {ip} - "GET /api/orders/{order} HTTP/1.1" 200 OK', "error"),
        _line(at, f"DEBUG cache hit key=order:{order} ttl=300s", "info"),
    ]
    if rng.random() < 0.2:
        lines.append(_line(at, f"WARNING slow query took {rng.randint(900, 3000)}ms table=orders"))
    if rng.random() < 0.05:
        lines.append(
            _line(at, f"worker {rng.randint(1, 4)} heartbeat ok rss={rng.randint(200, 400)}MB")
        )
    return lines


def _outage(rng: random.Random, at: datetime) -> list[LogLine]:
    attempt = rng.randint(1, 5)
    lines = [
        _line(at, f"INFO acquiring connection for order {rng.randint(10_000, 99_999)}"),
        _line(at, f"WARNING db retry attempt {attempt}/5 after {attempt * 200}ms"),
    ]
    line = rng.choice([42, 57])
    trace = [t.format(line=line) for t in PY_TRACE]
    stamp = at + timedelta(milliseconds=5)
    lines.extend(_line(stamp + timedelta(microseconds=i), t, "error") for i, t in enumerate(trace))
    lines.append(
        _line(stamp, f"ERROR request failed: POST /api/orders 500 in {rng.randint(20, 90)}ms")
    )
    return lines


def incident_requests(count: int = 3000, seed: int = 11) -> list[HttpRequestLog]:
    """Requests where POST /api/orders starts failing with 502/504 five minutes in."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        at = START + timedelta(milliseconds=index * 300)
        failing = index > 1000 and rng.random() < 0.4
        method, path = rng.choice(
            [
                ("GET", f"/api/orders/{rng.randint(1, 99999)}"),
                ("POST", "/api/orders"),
                ("GET", "/health"),
                ("GET", f"/static/app.{rng.choice('abc')}1f2e.js"),
            ]
        )
        bad = failing and method == "POST"
        out.append(
            HttpRequestLog(
                timestamp=at,
                method=method,
                path=path,
                status=rng.choice([502, 504]) if bad else 200,
                duration_ms=rng.uniform(15_000, 30_000) if bad else rng.uniform(5, 80),
                upstream_errors='[{"error":"connection refused"}]' if bad else None,
            )
        )
    return out
