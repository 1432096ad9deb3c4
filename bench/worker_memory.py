"""Worker memory: RSS of a real ``autofix worker`` process over many incidents, sampled as they end.

Every stand-in runs on a loopback port (Railway with a ``large_project`` of ``--services``
copies of the memory_leak scenario's ``shop-api``, GitHub with each copy's repository, the
LLM, status pages), with an embedded Redis, a receiver process and the worker process, the one
measured (``psutil``, RSS and USS). Each incident takes the whole path up to the analysis:
Railway's ``Deployment.oomKilled`` webhook → receiver → intake → confirm (metrics; it confirms)
→ fix job: target repository, clone, context, analysis by the LLM stand-in. The stand-in's
analyst answers ``report_only``, so the run files its report (an issue on the GitHub stand-in,
then comments on it) and the incident closes as ``reported`` without starting OpenCode, whose
sessions take seconds each and are a separate process anyway.

One incident per (service, signature) is open at a time, and ``AUTOFIX_INCIDENT_COOLDOWN_SECONDS
=0`` lets the next alert for a service open a new incident as soon as the last one closed; the
driver keeps every service busy. RSS is sampled after every ``--every`` closed incidents. Goal:
no growth after the first ``--every``: RSS at the end within ``--tolerance`` of the first
sample (exit status 1 otherwise, or if an incident ends otherwise than ``reported``).
"""

from __future__ import annotations

import argparse
import json
import secrets
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
from _processes import Server, clean_environ, free_port, serve_argv
from _report import command, machine, table, verdict
from arq.constants import result_key_prefix
from arq.jobs import deserialize_result

from pipeline import keys
from pipeline.connections import deserialize
from pipeline.redis_server import EmbeddedRedis
from standins.github import GitHubStandin
from standins.llm.script import AnalystAnswer, Script, load_script
from standins.llm.server import LLMStandinServer
from standins.llm.standin import LLMStandin
from standins.railway.catalog import world_for
from standins.railway.large_project import large_project
from standins.railway.server import RailwayStandin
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.railway.world import World
from standins.statuspage.server import StatuspageStandin

BOT = "autofix-bot"
MODEL = "fake-model"
_CLOSED = ("dismissed", "reported", "resolved", "rejected", "failed", "cancelled")


@dataclass
class Sample:
    """The worker's memory after ``incidents`` closed incidents."""

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

    def alert(self, service_id: str, deployment_id: str) -> None:
        """Railway's OOM webhook for ``service_id``, stamped a distinct millisecond later."""
        payload: dict[str, Any] = json.loads(json.dumps(self.world.alert_payload()))
        fired = datetime.fromisoformat(payload["timestamp"]) + timedelta(milliseconds=self.sent)
        payload["timestamp"] = fired.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        service = self.world.scenario.service(service_id)
        payload["resource"]["service"] = {"id": service_id, "name": service.name if service else ""}
        payload["resource"]["deployment"] = {"id": deployment_id}
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


def report_only_script() -> Script:
    """The memory-leak script, its analyst deciding ``report_only`` instead of a code fix."""
    script = load_script("memory-leak")
    answer = script.analyst[0].answer
    assert isinstance(answer, dict)
    return script.model_copy(
        update={"analyst": [AnalystAnswer(answer={**answer, "decision": "report_only"})]}
    )


def seed_github(github: GitHubStandin, world: World, script: Script) -> str:
    """Every copy's repository, and the bot's token with write access to each."""
    token = f"ghp_bench_{secrets.token_hex(12)}"
    github.control.add_user(BOT, "Bot")
    github.control.add_token(token, BOT)
    for service in world.scenario.services:
        if service.repo:
            github.control.create_repo(service.repo, script.repo)
            github.control.set_role(service.repo, BOT, "write")
    return token


def environ(world: World, urls: dict[str, str], tokens: dict[str, str]) -> dict[str, str]:
    """The receiver's and the worker's configuration, pointing at the stand-ins."""
    scenario = world.scenario
    return clean_environ(
        {
            "REDIS_URL": urls["redis"],
            "AUTOFIX_DATA_DIR": urls["data"],
            "RAILWAY_API_URL": urls["railway"],
            "RAILWAY_API_TOKEN": DEFAULT_ACCOUNT_TOKEN,
            "RAILWAY_PROJECT_ID": scenario.project.id,
            "RAILWAY_ENVIRONMENT_ID": scenario.environment.id,
            "RAILWAY_WEBHOOK_TOKEN": tokens["webhook"],
            "GITHUB_API_URL": urls["github"],
            "GITHUB_TOKEN": tokens["github"],
            "AUTOFIX_BOT_LOGIN": BOT,
            "AUTOFIX_LLM_BASE_URL": urls["llm"],
            "AUTOFIX_LLM_API_KEY": "sk-standin-" + secrets.token_hex(8),
            "AUTOFIX_LLM_MODEL": MODEL,
            "AUTOFIX_STATUSPAGE_BASE_URL": urls["statuspage"],
            "AUTOFIX_SWEEP_MINUTES": "0",
            "AUTOFIX_INCIDENT_COOLDOWN_SECONDS": "0",
            "AUTOFIX_LOG_FORMAT": "json",
        }
    )


def sample(process: psutil.Process, incidents: int, started: float) -> Sample:
    """The worker's memory now."""
    info = process.memory_full_info()
    mb = 1024 * 1024
    return Sample(incidents, time.monotonic() - started, info.rss / mb, info.uss / mb)


def drive(driver: Driver, worker: Server, args: argparse.Namespace) -> list[Sample]:
    """Keep every service busy until ``--incidents`` incidents have ended."""
    clones = [s for s in driver.world.scenario.services if s.repo]
    deployments = {
        s.id: max(driver.world.deployments_of(s.id), key=lambda d: d.created).id for s in clones
    }
    process = psutil.Process(worker.pid)
    started = time.monotonic()
    samples = [sample(process, 0, started)]
    for service in clones[: args.incidents]:
        driver.alert(service.id, deployments[service.id])
    ended = 0
    while ended < args.incidents:
        if worker.process.poll() is not None:
            raise RuntimeError(
                f"the worker exited with {worker.process.returncode}; see {worker.log}"
            )
        if time.monotonic() - started > args.timeout:
            raise RuntimeError(f"only {ended} incidents ended within {args.timeout} s")
        time.sleep(0.1)
        for service_id in driver.poll():
            ended += 1
            if ended % args.every == 0:
                samples.append(sample(process, ended, started))
                print(f"  {ended} incidents: RSS {samples[-1].rss_mb:.1f} MB", file=sys.stderr)
            if driver.sent < args.incidents:
                driver.alert(service_id, deployments[service_id])
    return samples


def run(args: argparse.Namespace, tmp: Path, exits: ExitStack) -> tuple[list[Sample], Driver]:
    """Start everything, drive the incidents, return the samples."""
    script = report_only_script()
    world = world_for(large_project(args.services, base="memory_leak"), alert_age_seconds=1200)
    github = exits.enter_context(GitHubStandin())
    tokens = {"github": seed_github(github, world, script), "webhook": secrets.token_urlsafe(16)}
    railway = exits.enter_context(RailwayStandin(world))
    llm = exits.enter_context(LLMStandinServer(LLMStandin(script, models=(MODEL,))))
    pages = exits.enter_context(StatuspageStandin(None))
    embedded = exits.enter_context(EmbeddedRedis(tmp))
    urls = {
        "redis": embedded.url,
        "data": str(tmp),
        "railway": railway.graphql_url,
        "github": github.api_url,
        "llm": llm.base_url,
        "statuspage": pages.base_url,
    }
    env = environ(world, urls, tokens)
    port = free_port()
    receiver = Server(serve_argv(port), port, env, tmp / "receiver.log")
    exits.callback(receiver.stop)
    receiver.wait_listening()
    autofix = str(Path(sys.executable).parent / "autofix")
    worker = Server([autofix, "worker"], 0, env, tmp / "worker.log")
    exits.callback(worker.stop)
    store = redis.Redis(unix_socket_path=str(embedded.socket))
    exits.callback(store.close)
    http = exits.enter_context(httpx.Client(timeout=30))
    webhook = f"http://127.0.0.1:{port}/webhooks/railway/{tokens['webhook']}"
    driver = Driver(http, store, world, webhook)
    return drive(driver, worker, args), driver


def main() -> int:
    """Run the benchmark; exit 1 if the worker's memory grows or an incident ends badly."""
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_argument("--incidents", type=int, default=1000)
    cli.add_argument("--every", type=int, default=100, help="incidents between two samples")
    cli.add_argument("--services", type=int, default=10, help="services kept busy at once")
    cli.add_argument("--tolerance", type=float, default=0.05, help="allowed RSS growth (share)")
    cli.add_argument("--timeout", type=float, default=540.0, help="give up after (seconds)")
    args = cli.parse_args()
    print(f"Machine: {machine()}\nCommand: `{command()}`\n")
    with tempfile.TemporaryDirectory(prefix="autofix-bench-") as folder, ExitStack() as exits:
        samples, driver = run(args, Path(folder), exits)
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
    met = growth <= args.tolerance and set(driver.ended) == {"reported"}
    goal = (
        f"RSS after {last.incidents} incidents within {args.tolerance:.0%} of RSS after "
        f"{first.incidents}, every incident reported"
    )
    print("\n" + verdict(met, goal))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
