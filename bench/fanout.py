"""Investigation fan-out: from a confirmed incident to its context, against Railway's latency.

A ``large_project`` of ``--services`` app services (plus the scenario's Postgres and Redis) is
served by the Railway stand-in over real HTTP, in a process of its own (``_railway_standin.py``:
the stand-in's app under uvicorn, as ``RailwayStandin`` runs it, but not in a thread of this
process, where its CPU-heavy answers would hold the interpreter lock the client needs), with
``--latency`` seconds added to every GraphQL call (a ``latency`` fault with no operation and
``times=None``, armed through ``/_control/faults``). ``build_context`` runs as the fix job runs
it (a ``RailwayClient`` on an ``httpx.AsyncClient`` configured like ``Deps``; no workspace, so
no status pages), timed from the call to the returned context, on a new HTTP client each time
(an incident after a quiet spell finds no kept-alive connections), at one fixed ``now`` so that
every repetition asks the same questions.

Two stand-ins: "computed" answers every call from scratch on its one thread (its own CPU is
then most of the wall time), "replayed" computes each distinct answer once and replays it after
the same latency (Railway as a client sees it: answers after the latency, in parallel). The
goal is judged on "replayed"; both are shown.

Figures: the wall time; the sequential cost (calls in the stand-in's request log x latency);
the dependency-chain limit (longest chain of calls that must wait for one another, x latency);
the time the latency added (each run's wall time less that of the run without latency just
before it: about the chain limit if the calls overlap, the sequential cost if they do not);
autofix's own CPU time for the context (this process). ``pipeline/investigation/collect.py``
has one chain of length 2: ``project_architecture`` (one ``ProjectArchitecture`` request while
a project has at most 100 environments and 100 services or volumes per environment), then the
other services' deployment logs (one aliased ``DeploymentLogsBatch`` request for up to ten),
which need the architecture's deployment ids. The incident's
own logs (deployment, build, HTTP) start at once when the alert named the deployment, else
after the architecture: length 2 again. Deployments are read in parallel (length 1). Goal: wall
time <= 1.5 x the chain limit; exit status 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from _incidents import incident_for, latest_deployment
from _processes import BENCH, Server, clean_environ, free_port
from _report import command, machine, median_spread, table, verdict

from pipeline.context.secrets.masker import SecretMasker
from pipeline.incidents.model import Incident
from pipeline.investigation.context import IncidentContext, build_context
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.client import RailwayClient
from standins.railway.app import GRAPHQL_PATH
from standins.railway.catalog import world_for
from standins.railway.large_project import large_project
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.railway.world import World

CHAIN = 2
_GOAL_FACTOR = 1.5
_MODES = ("replayed", "computed")


@dataclass
class Runs:
    """Repeated runs of one stand-in mode and incident variant."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    calls: list[int] = field(default_factory=list)
    bare_wall: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Standin:
    """A stand-in process and its ``/_control`` routes."""

    def __init__(self, mode: str, world: World, services: int, log: Path) -> None:
        port = free_port()
        argv = [sys.executable, str(BENCH / "_railway_standin.py"), "--port", str(port)]
        argv += ["--services", str(services), "--anchor", repr(world.anchor)]
        argv += ["--replay"] if mode == "replayed" else []
        self.server = Server(argv, port, clean_environ({}), log)
        self.base = f"http://127.0.0.1:{port}"
        self.control = httpx.Client(base_url=self.base, timeout=30)

    @property
    def graphql_url(self) -> str:
        """The endpoint to hand to the client."""
        return self.base + GRAPHQL_PATH

    def latency(self, seconds: float | None) -> None:
        """Add ``seconds`` to every later call, or nothing."""
        self.control.delete("/_control/faults").raise_for_status()
        if seconds:
            fault = {"kind": "latency", "times": None, "seconds": seconds}
            self.control.post("/_control/faults", json=fault).raise_for_status()

    def calls(self, *, clear: bool = False) -> int:
        """Requests logged so far; ``clear`` forgets them."""
        if clear:
            self.control.delete("/_control/requests").raise_for_status()
            return 0
        return len(self.control.get("/_control/requests").json())

    def stop(self) -> None:
        """Stop the process."""
        self.control.close()
        self.server.stop()


async def gather_once(
    url: str, incident: Incident, now: datetime
) -> tuple[float, float, IncidentContext]:
    """One context on a fresh HTTP client configured like the worker's: wall and CPU seconds."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=10.0)) as http:
        railway = RailwayClient(
            http, url=url, credentials=RailwayCredentials.account(DEFAULT_ACCOUNT_TOKEN)
        )
        started, cpu = time.perf_counter(), time.process_time()
        context = await build_context(
            railway,
            None,
            SecretMasker(),
            incident,
            workspace=None,
            now=now,
            budget=12_000,
            max_trace_lines=60,
        )
        return time.perf_counter() - started, time.process_time() - cpu, context


def measure(standin: Standin, incident: Incident, now: datetime, args: argparse.Namespace) -> Runs:
    """A warm-up, then runs without and with the latency fault, alternating."""
    runs = Runs()
    standin.latency(None)
    asyncio.run(gather_once(standin.graphql_url, incident, now))
    for _ in range(args.repeats):
        standin.latency(None)
        runs.bare_wall.append(asyncio.run(gather_once(standin.graphql_url, incident, now))[0])
        standin.latency(args.latency)
        standin.calls(clear=True)
        wall, cpu, context = asyncio.run(gather_once(standin.graphql_url, incident, now))
        runs.wall.append(wall)
        runs.cpu.append(cpu)
        runs.calls.append(standin.calls())
        runs.problems += context.problems
    return runs


def row(mode: str, named: bool, runs: Runs, args: argparse.Namespace) -> tuple[list[object], bool]:
    """One table row, and whether it meets the goal."""
    limit = CHAIN * args.latency
    ok = statistics.median(runs.wall) <= _GOAL_FACTOR * limit and not runs.problems
    cells: list[object] = [
        mode,
        "named in the alert" if named else "found in the architecture",
        median_spread(runs.calls, 0),
        f"{statistics.median(runs.calls) * args.latency * 1000:.0f}",
        f"{limit * 1000:.0f}",
        median_spread([w * 1000 for w in runs.wall], 0),
        median_spread([w / limit for w in runs.wall], 2),
        median_spread([w * 1000 for w in runs.bare_wall], 0),
        median_spread([(w - b) * 1000 for w, b in zip(runs.wall, runs.bare_wall, strict=True)], 0),
        median_spread([c * 1000 for c in runs.cpu], 0),
        ("met" if ok else "missed") if mode == "replayed" else "(not judged)",
    ]
    return cells, ok or mode != "replayed"


def main() -> int:
    """Run the benchmark; exit 1 if the goal is missed."""
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_argument("--services", type=int, default=10, help="app services in the project")
    cli.add_argument("--latency", type=float, default=0.1, help="seconds added to every call")
    cli.add_argument("--repeats", type=int, default=5)
    args = cli.parse_args()
    print(f"Machine: {machine()}\nCommand: `{command()}`\n")
    world = world_for(large_project(args.services), alert_age_seconds=20 * 60)
    now = datetime.now(UTC)
    rows, met, problems = [], True, set()
    with tempfile.TemporaryDirectory(prefix="autofix-bench-") as folder:
        for mode in _MODES:
            standin = Standin(mode, world, args.services, Path(folder) / f"{mode}.log")
            try:
                standin.server.wait_listening()
                for named in (True, False):
                    incident = incident_for(world, latest_deployment(world) if named else None)
                    runs = measure(standin, incident, now, args)
                    cells, ok = row(mode, named, runs, args)
                    rows.append(cells)
                    met = met and ok
                    problems |= set(runs.problems)
            finally:
                standin.stop()
    header = ["stand-in", "incident's deployment", "calls", "sequential ms", "chain limit ms"]
    header += ["wall ms", "wall / limit", "wall ms, no latency", "added by latency ms"]
    header += ["autofix CPU ms", "goal"]
    print(table(header, rows))
    for problem in sorted(problems):
        print(f"- problem reported by the context: {problem}")
    goal = (
        f"context ready within {_GOAL_FACTOR}x the dependency-chain limit "
        f"({CHAIN} x {args.latency * 1000:.0f} ms), replayed answers"
    )
    print("\n" + verdict(met, goal))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
