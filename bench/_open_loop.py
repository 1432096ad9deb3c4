"""An open-loop HTTP load generator: requests leave on a fixed schedule, whatever the server does.

Latency is measured from the moment a request was due, not from when a free connection let it
go, so a stall shows up in the percentiles instead of quietly lowering the rate (wrk2's
correction for coordinated omission). wrk2 is not packaged in Debian and wrk has no fixed
rate, hence this client. It runs in its own process (``python bench/_open_loop.py ...``) so its
event loop and interpreter lock are not the server's, speaks raw HTTP/1.1 over
keep-alive connections (no client library in the measured path), builds every request before
the clock starts, and prints one JSON object. Times come from ``perf_counter``: uvloop's own
clock (``loop.time()``) moves in whole milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import uvloop
from _report import percentile
from _webhooks import Workload, github_comments, railway_alerts

_WARMUP_SECONDS = 1.0


@dataclass
class _Results:
    latency: list[float] = field(default_factory=list)
    lag: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


def _outcome(body: bytes) -> str:
    try:
        return str(json.loads(body).get("status"))
    except (ValueError, AttributeError):
        return "unreadable"


async def run(
    host: str, port: int, workload: Workload, rate: float, duration: float, connections: int
) -> dict[str, object]:
    """Send ``rate * duration`` requests on schedule; summary of those after the warm-up."""
    total = int(rate * duration)
    requests = [workload.raw(i, f"{host}:{port}") for i in range(total)]
    pool: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await asyncio.open_connection(host, port))
    results = _Results()
    start = time.perf_counter() + 0.05
    warm = int(_WARMUP_SECONDS * rate)

    async def one(i: int, due: float) -> None:
        conn = await pool.get()
        sent = time.perf_counter()
        status, body = await _exchange(*conn, requests[i])
        finished = time.perf_counter()
        pool.put_nowait(conn)
        results.statuses[status] += 1
        results.outcomes[_outcome(body)] += 1
        if i >= warm:
            results.latency.append(finished - due)
            results.lag.append(sent - due)

    tasks = []
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=duration + 30)
    elapsed = time.perf_counter() - start
    while not pool.empty():
        pool.get_nowait()[1].close()
    latency, lag = sorted(results.latency), sorted(results.lag)
    return {
        "sent": total,
        "measured": len(latency),
        "rate_achieved": total / elapsed,
        "p50_ms": 1000 * percentile(latency, 0.50),
        "p99_ms": 1000 * percentile(latency, 0.99),
        "max_ms": 1000 * latency[-1] if latency else float("nan"),
        "lag_p99_ms": 1000 * percentile(lag, 0.99),
        "statuses": {str(k): v for k, v in results.statuses.items()},
        "outcomes": dict(results.outcomes),
    }


def main() -> int:
    """Command line: one fixed-rate run, JSON on stdout."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--port", type=int, required=True)
    cli.add_argument("--workload", choices=("github", "railway"), required=True)
    cli.add_argument("--secret", required=True, help="GitHub webhook secret or Railway token")
    cli.add_argument("--run", required=True, help="distinguishes this run's requests")
    cli.add_argument("--rate", type=float, default=200.0)
    cli.add_argument("--duration", type=float, default=15.0)
    cli.add_argument("--connections", type=int, default=16)
    args = cli.parse_args()
    make = github_comments if args.workload == "github" else railway_alerts
    workload = make(args.secret, args.run)
    summary = uvloop.run(
        run("127.0.0.1", args.port, workload, args.rate, args.duration, args.connections)
    )
    json.dump(summary, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
