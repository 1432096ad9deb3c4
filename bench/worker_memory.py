"""Worker memory: RSS of a real ``autofix worker`` process over many incidents, sampled as they end.

The worker (the ``autofix worker`` command, measured with ``psutil``: RSS and USS) runs against
an embedded Redis, a receiver process and the stand-ins (``_worker_stack.py``). Incidents come
in as Railway webhooks through the receiver, for a ``large_project`` of ``--services`` copies
of one scenario's service; one incident per (service, signature) is open at a time and
``AUTOFIX_INCIDENT_COOLDOWN_SECONDS=0`` lets the next alert for a service open a new incident
as soon as the last one closed, so the driver keeps every service busy.

``--path confirm`` (the default; 1,000 incidents): healthy_cpu_spikes' CPU monitor alert →
receiver → intake → confirm, which reads the metrics and dismisses it. The Railway stand-in
replays answers it computed before (``--replay``): its own CPU would otherwise be most of the
run (half a second of it per confirmation; 1,000 would not fit in ten minutes here).

``--path fix`` (200 incidents): memory_leak's ``Deployment.oomKilled`` → intake → confirm
(confirmed) → fix job: target repository, clone from the GitHub stand-in, context, analysis by
the LLM stand-in, whose analyst answers ``report_only``; the run files its report (an issue,
then comments) and closes as ``reported`` without starting OpenCode (an agent session takes
seconds and runs in a process of its own). Each incident costs the stand-ins seconds of CPU,
hence fewer incidents.

RSS is sampled once the worker is up and after every ``--every`` ended incidents. Goal: no
growth after the first ``--every``: the last sample within ``--tolerance`` of the first one
after start-up; every incident must end as the path expects. Exit status 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psutil  # type: ignore[import-untyped]  # no stubs installed
import redis
from _processes import Server
from _report import command, machine, table, verdict
from _worker_stack import start
from arq.constants import health_check_key_suffix, result_key_prefix
from arq.jobs import deserialize_result

from pipeline import keys
from pipeline.connections import QUEUE_NAME, deserialize
from standins.railway.catalog import world_for
from standins.railway.large_project import large_project
from standins.railway.world import World

_CLOSED = ("dismissed", "reported", "resolved", "rejected", "failed", "cancelled")
# path → (base scenario, how its incidents must end, incidents, sample every).
PATHS = {
    "confirm": ("healthy_cpu_spikes", "dismissed", 1000, 100),
    "fix": ("memory_leak", "reported", 200, 20),
}


@dataclass
class Sample:
    """The worker's memory after ``incidents`` ended incidents."""

    incidents: int
    seconds: float
    rss_mb: float
    uss_mb: float


@dataclass
class Driver:
    """Sends one alert per free service and follows each to its incident's end."""

    http: httpx.Client
    store: redis.Redis
    world: World
    webhook: str
    pending: dict[str, str] = field(default_factory=dict)  # service id → intake job id
    following: dict[str, str] = field(default_factory=dict)  # service id → incident id
    sent: int = 0
    ended: Counter[str] = field(default_factory=Counter)

    def alert(self, service_id: str) -> None:
        """The scenario's webhook about ``service_id``, stamped a distinct millisecond later."""
        payload: dict[str, Any] = json.loads(json.dumps(self.world.alert_payload()))
        fired = datetime.fromisoformat(payload["timestamp"]) + timedelta(milliseconds=self.sent)
        payload["timestamp"] = fired.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        service = self.world.scenario.service(service_id)
        resource = payload["resource"]
        resource["service"] = {"id": service_id, "name": service.name if service else ""}
        if "deployment" in resource:
            latest = max(self.world.deployments_of(service_id), key=lambda d: d.created)
            resource["deployment"] = {"id": latest.id}
        answer = self.http.post(self.webhook, json=payload)
        answer.raise_for_status()
        self.pending[service_id] = answer.json()["job_id"]
        self.sent += 1

    def _get(self, key: str) -> bytes | None:
        value = self.store.get(key)
        assert value is None or isinstance(value, bytes)  # the synchronous client answers at once
        return value

    def poll(self) -> list[str]:
        """Services whose latest alert has been dealt with since the last poll."""
        free = []
        for service_id, job_id in list(self.pending.items()):
            raw = self._get(result_key_prefix + job_id)
            if raw is None:
                continue
            result = deserialize_result(raw, deserializer=deserialize).result
            del self.pending[service_id]
            if isinstance(result, dict) and "incident" in result:
                self.following[service_id] = str(result["incident"])
            else:
                self.ended[f"no incident ({result})"] += 1
                free.append(service_id)
        for service_id, incident_id in list(self.following.items()):
            doc = self._get(keys.incident(incident_id))
            state = str(json.loads(doc)["state"]) if doc else "missing"
            if state in _CLOSED or state == "missing":
                self.ended[state] += 1
                del self.following[service_id]
                free.append(service_id)
        return free


def sample(process: psutil.Process, incidents: int, started: float) -> Sample:
    """The worker's memory now."""
    info = process.memory_full_info()
    mb = 1024 * 1024
    return Sample(incidents, time.monotonic() - started, info.rss / mb, info.uss / mb)


def drive(driver: Driver, worker: Server, args: argparse.Namespace) -> list[Sample]:
    """Keep every service busy until ``args.incidents`` incidents have ended."""
    services = [s.id for s in driver.world.scenario.services if s.repo]
    process = psutil.Process(worker.pid)
    started = time.monotonic()
    # arq records its health as soon as its loop runs: the worker is up, imports done.
    while driver.store.get(QUEUE_NAME + health_check_key_suffix) is None:
        if worker.process.poll() is not None or time.monotonic() - started > 60:
            raise RuntimeError(f"the worker did not start; see {worker.log}")
        time.sleep(0.1)
    samples = [sample(process, 0, started)]
    for service_id in services[: args.incidents]:
        driver.alert(service_id)
    ended = 0
    while ended < args.incidents:
        if worker.process.poll() is not None:
            raise RuntimeError(f"the worker exited ({worker.process.returncode}); see {worker.log}")
        if time.monotonic() - started > args.timeout:
            raise RuntimeError(f"only {ended} incidents ended within {args.timeout:.0f} s")
        time.sleep(0.05)
        for service_id in driver.poll():
            ended += 1
            if ended % args.every == 0:
                samples.append(sample(process, ended, started))
                print(f"  {ended} incidents: RSS {samples[-1].rss_mb:.1f} MB", file=sys.stderr)
            if driver.sent < args.incidents:
                driver.alert(service_id)
    return samples


def run(args: argparse.Namespace, tmp: Path) -> tuple[list[Sample], Driver]:
    """Start everything, drive the incidents, stop everything; the samples and the outcomes."""
    base = PATHS[args.path][0]
    world = world_for(large_project(args.services, base=base), alert_age_seconds=20 * 60)
    with ExitStack() as exits:
        stack = start(world, (args.services, base, args.path == "confirm"), tmp, exits)
        store = redis.Redis(unix_socket_path=str(stack.redis_socket))
        exits.callback(store.close)
        http = exits.enter_context(httpx.Client(timeout=30))
        driver = Driver(http, store, world, stack.webhook)
        return drive(driver, stack.worker, args), driver


def main() -> int:
    """Run the benchmark; exit 1 if the worker's memory grows or an incident ends badly."""
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_argument("--path", choices=sorted(PATHS), default="confirm")
    cli.add_argument("--incidents", type=int, help="default: 1000 (confirm), 200 (fix)")
    cli.add_argument("--every", type=int, help="incidents between samples: 100 (confirm), 20 (fix)")
    cli.add_argument("--services", type=int, default=10, help="services kept busy at once")
    cli.add_argument("--tolerance", type=float, default=0.05, help="allowed RSS growth (share)")
    cli.add_argument("--timeout", type=float, default=540.0, help="give up after (seconds)")
    args = cli.parse_args()
    _, expected, incidents, every = PATHS[args.path]
    args.incidents = args.incidents or incidents
    args.every = args.every or every
    print(f"Machine: {machine()}\nCommand: `{command()}`\n")
    with tempfile.TemporaryDirectory(prefix="autofix-bench-") as folder:
        samples, driver = run(args, Path(folder))
    rows = [
        [s.incidents, f"{s.seconds:.0f}", f"{s.rss_mb:.1f}", f"{s.uss_mb:.1f}"] for s in samples
    ]
    print(table(["incidents ended", "seconds", "RSS MB", "USS MB"], rows))
    print(f"\nIncidents ended as: {dict(driver.ended)}")
    first, last = samples[1], samples[-1]
    growth = (last.rss_mb - first.rss_mb) / first.rss_mb
    print(
        f"RSS from incident {first.incidents} to {last.incidents}: "
        f"{first.rss_mb:.1f} → {last.rss_mb:.1f} MB ({growth:+.1%})"
    )
    met = growth <= args.tolerance and set(driver.ended) == {expected}
    goal = (
        f"RSS after {last.incidents} incidents within {args.tolerance:.0%} of RSS after "
        f"{first.incidents}, every incident {expected}"
    )
    print("\n" + verdict(met, goal))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
