"""Receiver throughput and latency against a bare Starlette endpoint on the same machine and run.

For each Redis durability setting (``appendfsync``) and each workload (signed GitHub
``issue_comment`` deliveries with ``/autofix status``; Railway ``Deployment.crashed`` alerts
with the right token), repeated ``--repeats`` times with bare and receiver runs interleaved:

* throughput: wrk (Debian's, one thread, ``--connections`` keep-alive connections) for
  ``--wrk-seconds`` against the bare endpoint, then against the receiver;
* latency at a fixed rate: the open-loop client (``_open_loop.py``, its own process) at
  ``--rate`` requests/s for ``--rate-seconds``, latency counted from each request's due time.

The receiver is ``autofix serve``'s code in its own process (``cli.serve.serve``: uvicorn,
``create_app(load_settings(...))``; see ``_processes.serve_argv`` for why not ``cli.main``)
on an embedded Redis (``pipeline.redis_server.EmbeddedRedis``, unix socket, AOF on). Every
request is distinct, and the receiver's own ``/metrics`` and the queue's length prove each one
was queued, none refused as a duplicate. Goal: receiver throughput ≥ 50 % of the bare
endpoint's, and p99 < 20 ms at 200 requests/s; exit status 1 if a measured setting misses.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil  # type: ignore[import-untyped]  # no stubs installed
import redis
from _processes import BENCH, Server, clean_environ, free_port, serve_argv
from _report import command, machine, median_spread, table, verdict
from _webhooks import Workload, github_comments, railway_alerts

from pipeline.connections import QUEUE_NAME
from pipeline.redis_server import EmbeddedRedis

_MIN_RATIO = 0.5
_MAX_P99_MS = 20.0
_SETTLE_SECONDS = 1.0
_COUNTER = re.compile(r"^autofix_webhooks_total\{(?P<labels>[^}]*)\}\s+(?P<value>\S+)$", re.M)


@dataclass
class Figures:
    """Repeated measurements of one (fsync, workload) cell."""

    bare_rps: list[float] = field(default_factory=list)
    receiver_rps: list[float] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    p50_ms: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)
    max_ms: list[float] = field(default_factory=list)
    lag_p99_ms: list[float] = field(default_factory=list)
    bare_p99_ms: list[float] = field(default_factory=list)
    bare_cpu_us: list[float] = field(default_factory=list)
    receiver_cpu_us: list[float] = field(default_factory=list)
    redis_cpu_us: list[float] = field(default_factory=list)
    answered: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Throughput:
    """One wrk run: responses per second and anything that was not a 2xx answer."""

    rps: float
    requests: int
    errors: int
    cpu_us: tuple[float, ...]


@dataclass(frozen=True)
class FixedRate:
    """One open-loop run at the fixed rate."""

    sent: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    lag_p99_ms: float


def _cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def wrk(
    port: int, workload: Workload, args: argparse.Namespace, folder: Path, pids: tuple[int, ...]
) -> Throughput:
    """One wrk run, read from its ``done()`` summary; CPU per request of each of ``pids``."""
    script = folder / f"{workload.name}-{workload.run}.lua"
    script.write_text(workload.lua())
    argv = ["wrk", "-t1", f"-c{args.connections}", f"-d{args.wrk_seconds}s", "-s", str(script)]
    cpu = [_cpu_seconds(pid) for pid in pids]
    out = subprocess.run(
        [*argv, f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=args.wrk_seconds + 60,
    ).stdout
    # Read at once: what the servers spend after wrk's deadline is on requests it did not count.
    used = [_cpu_seconds(pid) - before for pid, before in zip(pids, cpu, strict=True)]
    line = next(x for x in out.splitlines() if x.startswith("WRKJSON "))
    s = json.loads(line.removeprefix("WRKJSON "))
    errors = sum(s[k] for k in ("connect", "read", "write", "status", "timeout"))
    per_request = tuple(1e6 * u / max(1, s["requests"]) for u in used)
    return Throughput(s["requests"] / (s["duration_us"] / 1e6), s["requests"], errors, per_request)


def open_loop(port: int, kind: str, key: str, args: argparse.Namespace) -> FixedRate:
    """One fixed-rate run of ``_open_loop.py`` in its own process."""
    argv = [sys.executable, str(BENCH / "_open_loop.py"), "--port", str(port)]
    argv += ["--workload", kind, "--secret", key, "--run", secrets.token_hex(4)]
    argv += ["--rate", str(args.rate), "--duration", str(args.rate_seconds)]
    out = subprocess.run(
        argv, capture_output=True, text=True, check=True, timeout=args.rate_seconds + 120
    )
    s = json.loads(out.stdout)
    return FixedRate(s["sent"], s["p50_ms"], s["p99_ms"], s["max_ms"], s["lag_p99_ms"])


class Counts:
    """What the receiver says it did (``/metrics``) and how long the queue is (Redis)."""

    def __init__(self, port: int, socket: str) -> None:
        self.url = f"http://127.0.0.1:{port}/metrics"
        self.redis = redis.Redis(unix_socket_path=socket)
        info = self.redis.info("server")
        assert isinstance(info, dict)  # the synchronous client answers at once
        self.redis_pid = int(info["process_id"])

    def now(self, source: str) -> dict[str, float]:
        """Webhook outcomes of ``source`` so far, and the queue's length as ``_queue``."""
        with urllib.request.urlopen(self.url, timeout=10) as response:
            text = response.read().decode()
        queue = self.redis.zcard(QUEUE_NAME)
        assert isinstance(queue, int)  # the synchronous client answers at once
        found: dict[str, float] = {"_queue": float(queue)}
        for match in _COUNTER.finditer(text):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', match["labels"]))
            if labels.get("source") == source:
                found[labels["outcome"]] = float(match["value"])
        return found

    def check(self, source: str, before: dict[str, float], answered: int) -> list[str]:
        """Problems, if the answers since ``before`` were not all freshly queued."""
        # Requests still in flight when the load generator stopped finish in the meantime.
        time.sleep(_SETTLE_SECONDS)
        after = self.now(source)
        delta = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in after.keys() | before.keys()}
        refused = {k: v for k, v in delta.items() if k not in ("queued", "_queue") and v}
        problems = [f"{source}: answered but not queued: {refused}"] if refused else []
        # wrk stops counting at its deadline, so a few answers in flight then are queued
        # without being counted: the receiver may have queued more, never fewer.
        if delta.get("queued", 0.0) < answered or delta.get("queued") != delta.get("_queue"):
            problems.append(f"{source}: {answered} answered, outcomes and queue moved by {delta}")
        return problems


MAKERS: dict[str, Callable[[str, str], Workload]] = {
    "github": github_comments,
    "railway": railway_alerts,
}


def _start_receiver(url: str, token: str, secret: str, tmp: Path, fsync: str) -> Server:
    env = clean_environ(
        {
            "REDIS_URL": url,
            "RAILWAY_WEBHOOK_TOKEN": token,
            "GITHUB_WEBHOOK_SECRET": secret,
            "AUTOFIX_DATA_DIR": str(tmp),
            "AUTOFIX_LOG_FORMAT": "json",
        }
    )
    port = free_port()
    log = tmp / f"receiver-{fsync}.log"
    return Server(serve_argv(port), port, env, log).wait_listening()


def _repetition(
    fig: Figures,
    kind: str,
    key: str,
    servers: tuple[Server, Server],
    counts: Counts,
    args: argparse.Namespace,
    tmp: Path,
    first: bool,
) -> None:
    bare, receiver = servers
    make = MAKERS[kind]
    b = wrk(bare.port, make(key, secrets.token_hex(4)), args, tmp, (bare.pid,))
    before = counts.now(kind)
    r = wrk(
        receiver.port, make(key, secrets.token_hex(4)), args, tmp, (receiver.pid, counts.redis_pid)
    )
    fig.problems += counts.check(kind, before, r.requests)
    if r.errors or b.errors:
        fig.problems.append(f"{kind}: wrk saw {b.errors} bare / {r.errors} receiver errors")
    fig.bare_rps.append(b.rps)
    fig.receiver_rps.append(r.rps)
    fig.ratio.append(r.rps / b.rps)
    fig.bare_cpu_us.append(b.cpu_us[0])
    fig.receiver_cpu_us.append(r.cpu_us[0])
    fig.redis_cpu_us.append(r.cpu_us[1])
    before = counts.now(kind)
    fixed = open_loop(receiver.port, kind, key, args)
    fig.problems += counts.check(kind, before, fixed.sent)
    fig.answered += r.requests + fixed.sent
    fig.p50_ms.append(fixed.p50_ms)
    fig.p99_ms.append(fixed.p99_ms)
    fig.max_ms.append(fixed.max_ms)
    fig.lag_p99_ms.append(fixed.lag_p99_ms)
    if first:
        fig.bare_p99_ms.append(open_loop(bare.port, kind, key, args).p99_ms)
    print(
        f"  {kind} rep: bare {b.rps:.0f}/s, receiver {r.rps:.0f}/s, "
        f"p99 at {args.rate:.0f}/s {fixed.p99_ms:.1f} ms",
        file=sys.stderr,
    )


def measure(fsync: str, args: argparse.Namespace, tmp: Path, bare: Server) -> dict[str, Figures]:
    """Every repetition of both workloads against one receiver on one Redis setting."""
    token, secret = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    keys = {"github": secret, "railway": token}
    figures = {kind: Figures() for kind in keys}
    with EmbeddedRedis(tmp / fsync, appendfsync=fsync) as embedded:
        receiver = _start_receiver(embedded.url, token, secret, tmp, fsync)
        counts = Counts(receiver.port, str(embedded.socket))
        try:
            for rep in range(args.repeats):
                for kind, key in keys.items():
                    print(f"{fsync}, repetition {rep + 1}:", file=sys.stderr)
                    _repetition(
                        figures[kind], kind, key, (bare, receiver), counts, args, tmp, rep == 0
                    )
        finally:
            receiver.stop()
            counts.redis.close()
    return figures


def _fast(fig: Figures) -> bool:
    return statistics.median(fig.ratio) >= _MIN_RATIO and not fig.problems


def _prompt(fig: Figures) -> bool:
    return statistics.median(fig.p99_ms) < _MAX_P99_MS and not fig.problems


def report(results: dict[str, dict[str, Figures]], args: argparse.Namespace) -> bool:
    """Print the tables; True if every measured cell meets both goals."""
    cells = [(fsync, kind, fig) for fsync, by in results.items() for kind, fig in by.items()]
    header = ["workload", "Redis appendfsync", "bare req/s", "receiver req/s", "ratio"]
    header += ["CPU µs/req bare", "CPU µs/req receiver", "CPU µs/req Redis", "ratio ≥ 0.5"]
    rows: list[list[object]] = [
        [
            kind,
            fsync,
            median_spread(fig.bare_rps, 0),
            median_spread(fig.receiver_rps, 0),
            median_spread(fig.ratio, 2),
            median_spread(fig.bare_cpu_us, 0),
            median_spread(fig.receiver_cpu_us, 0),
            median_spread(fig.redis_cpu_us, 0),
            "met" if _fast(fig) else "missed",
        ]
        for fsync, kind, fig in cells
    ]
    print("Throughput (wrk):\n\n" + table(header, rows))
    rate = f"{args.rate:.0f}/s"
    header = ["workload", "Redis appendfsync", f"p50 ms at {rate}", f"p99 ms at {rate}"]
    header += [f"max ms at {rate}", f"bare p99 ms at {rate}", "all queued", "p99 < 20 ms"]
    rows = [
        [
            kind,
            fsync,
            median_spread(fig.p50_ms),
            median_spread(fig.p99_ms),
            median_spread(fig.max_ms),
            median_spread(fig.bare_p99_ms),
            f"yes ({fig.answered})" if not fig.problems else "NO",
            "met" if _prompt(fig) else "missed",
        ]
        for fsync, kind, fig in cells
    ]
    print("\nLatency at a fixed rate (open loop):\n\n" + table(header, rows))
    for problem in [p for _, _, fig in cells for p in fig.problems]:
        print(f"- {problem}")
    lag = max(x for _, _, fig in cells for x in fig.lag_p99_ms)
    print(f"\nOpen-loop client's own send lag, p99 over all runs: {lag:.2f} ms at most.")
    return all(_fast(fig) and _prompt(fig) for _, _, fig in cells)


def main() -> int:
    """Run the benchmark; exit 1 if a goal is missed."""
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_argument(
        "--fsync",
        nargs="+",
        default=["always", "everysec"],
        choices=["always", "everysec", "no"],
        help="Redis appendfsync settings",
    )
    cli.add_argument("--repeats", type=int, default=3)
    cli.add_argument("--wrk-seconds", type=int, default=5, help="length of each wrk run")
    cli.add_argument("--connections", type=int, default=32, help="wrk's keep-alive connections")
    cli.add_argument("--rate", type=float, default=200.0, help="fixed rate, requests/s")
    cli.add_argument("--rate-seconds", type=float, default=8.0, help="length of a fixed-rate run")
    args = cli.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    print(f"Machine: {machine()}\nCommand: `{command()}`\n")
    with tempfile.TemporaryDirectory(prefix="autofix-bench-") as folder:
        tmp = Path(folder)
        port = free_port()
        argv = [sys.executable, str(BENCH / "_bare_app.py"), "--port", str(port)]
        bare_env = clean_environ({"AUTOFIX_LOG_FORMAT": "json"})
        bare = Server(argv, port, bare_env, tmp / "bare.log").wait_listening()
        try:
            results = {fsync: measure(fsync, args, tmp, bare) for fsync in args.fsync}
        finally:
            bare.stop()
    met = report(results, args)
    goal = (
        f"receiver ≥ {_MIN_RATIO:.0%} of the bare endpoint's throughput and p99 < "
        f"{_MAX_P99_MS:.0f} ms at {args.rate:.0f} requests/s, every request queued"
    )
    print("\n" + verdict(met, goal))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
