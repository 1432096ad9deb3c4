"""Investigation fan-out: from a confirmed incident to its context, against Railway's latency.

A ``large_project`` of ``--services`` app services (plus the scenario's Postgres and Redis) is
served by the Railway stand-in as a real HTTP server (``RailwayStandin``, uvicorn in a thread)
with ``--latency`` seconds added to every GraphQL call (a ``latency`` fault with no operation
and ``times=None``: every request). ``build_context`` runs as the fix job runs it (a
``RailwayClient`` on an ``httpx.AsyncClient`` configured like ``Deps``; no workspace, so no
status pages) and is timed from the call to the returned context. Each repetition uses a new
HTTP client, as an incident after a quiet spell finds no kept-alive connections.

Figures: the wall time; the sequential cost (calls in the stand-in's request log x latency);
the dependency-chain limit (longest chain of calls that must wait for one another, x latency).
``pipeline/investigation/collect.py`` has one chain of length 2: ``project_architecture``
(one ``ProjectArchitecture`` request while a project has at most 100 environments and 100
services or volumes per environment), then the other services' deployment logs, which need the
architecture's deployment ids. The incident's own logs (deployment, build, HTTP) start at
once when the alert named the deployment, else after the architecture: length 2 again.
Deployments are read in parallel (length 1). Goal: wall time ≤ 1.5 x the chain limit; exit
status 1 otherwise. The same runs without injected latency show the processing cost alone.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from _incidents import incident_for, latest_deployment
from _report import command, machine, median_spread, table, verdict

from pipeline.context.secrets.masker import SecretMasker
from pipeline.incidents.model import Incident
from pipeline.investigation.context import IncidentContext, build_context
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.client import RailwayClient
from standins.railway.catalog import world_for
from standins.railway.faults import Fault, FaultPlan
from standins.railway.large_project import large_project
from standins.railway.server import RailwayStandin
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN

CHAIN = 2
_GOAL_FACTOR = 1.5


@dataclass
class Runs:
    """Repeated runs of one variant."""

    wall: list[float] = field(default_factory=list)
    calls: list[int] = field(default_factory=list)
    bare_wall: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


async def gather_once(url: str, incident: Incident) -> tuple[float, IncidentContext]:
    """One context, timed, on a fresh HTTP client configured like the worker's."""
    async with httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=10.0)) as http:
        railway = RailwayClient(
            http, url=url, credentials=RailwayCredentials.account(DEFAULT_ACCOUNT_TOKEN)
        )
        started = time.perf_counter()
        context = await build_context(
            railway,
            None,
            SecretMasker(),
            incident,
            workspace=None,
            now=datetime.now(UTC),
            budget=12_000,
            max_trace_lines=60,
        )
        return time.perf_counter() - started, context


def measure(standin: RailwayStandin, incident: Incident, args: argparse.Namespace) -> Runs:
    """Alternate runs with and without the latency fault."""
    runs = Runs()
    asyncio.run(gather_once(standin.graphql_url, incident))  # imports, schema, first compiles
    for _ in range(args.repeats):
        standin.state.faults.clear()
        runs.bare_wall.append(asyncio.run(gather_once(standin.graphql_url, incident))[0])
        standin.state.faults.add(Fault(kind="latency", times=None, seconds=args.latency))
        standin.state.requests.clear()
        wall, context = asyncio.run(gather_once(standin.graphql_url, incident))
        runs.wall.append(wall)
        runs.calls.append(len(standin.state.requests))
        if context.problems:
            runs.problems += context.problems
    return runs


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
    limit = CHAIN * args.latency
    rows, met = [], True
    with RailwayStandin(world, faults=FaultPlan()) as standin:
        for named in (True, False):
            incident = incident_for(world, latest_deployment(world) if named else None)
            runs = measure(standin, incident, args)
            sequential = statistics.median(runs.calls) * args.latency
            ok = statistics.median(runs.wall) <= _GOAL_FACTOR * limit and not runs.problems
            met = met and ok
            rows.append(
                [
                    "named in the alert" if named else "found in the architecture",
                    median_spread(runs.calls, 0),
                    f"{sequential * 1000:.0f}",
                    f"{limit * 1000:.0f}",
                    median_spread([w * 1000 for w in runs.wall], 0),
                    median_spread([w / limit for w in runs.wall], 2),
                    median_spread([w * 1000 for w in runs.bare_wall], 0),
                    "met" if ok else "missed",
                ]
            )
            for problem in sorted(set(runs.problems)):
                print(f"- problem reported by the context: {problem}")
    header = [
        "incident's deployment",
        "calls",
        "sequential ms",
        "chain limit ms",
        "wall ms",
        "wall / limit",
        "wall ms, no latency",
        "goal",
    ]
    print(table(header, rows))
    goal = (
        f"context ready within {_GOAL_FACTOR}x the dependency-chain limit "
        f"({CHAIN} x {args.latency * 1000:.0f} ms)"
    )
    print("\n" + verdict(met, goal))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
