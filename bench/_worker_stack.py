"""What the worker-memory benchmark runs the worker against: stand-ins, Redis and a receiver.

Railway is the stand-in in a process of its own (``_railway_standin.py``, so its CPU-heavy
answers do not share an interpreter lock with the other stand-ins); GitHub, the LLM and status
pages are the stand-ins ``autofix demo`` uses, in threads of the benchmark's process.
"""

from __future__ import annotations

import secrets
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from _processes import BENCH, Server, clean_environ, free_port, serve_argv

from pipeline.redis_server import EmbeddedRedis
from standins.github import GitHubStandin
from standins.llm.script import AnalystAnswer, Script, load_script
from standins.llm.server import LLMStandinServer
from standins.llm.standin import LLMStandin
from standins.railway.app import GRAPHQL_PATH
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.railway.world import World
from standins.statuspage.server import StatuspageStandin

BOT = "autofix-bot"
MODEL = "fake-model"


@dataclass(frozen=True)
class Stack:
    """The running pieces the driver talks to."""

    webhook: str
    redis_socket: Path
    worker: Server


def report_only_script() -> Script:
    """The memory-leak script, its analyst deciding ``report_only`` instead of a code fix."""
    script = load_script("memory-leak")
    answer = script.analyst[0].answer
    assert isinstance(answer, dict)
    return script.model_copy(
        update={"analyst": [AnalystAnswer(answer={**answer, "decision": "report_only"})]}
    )


def seed_github(github: GitHubStandin, world: World, script: Script) -> str:
    """Every copied service's repository, and the bot's token with write access to each."""
    token = f"ghp_bench_{secrets.token_hex(12)}"
    github.control.add_user(BOT, "Bot")
    github.control.add_token(token, BOT)
    for service in world.scenario.services:
        if service.repo:
            github.control.create_repo(service.repo, script.repo)
            github.control.set_role(service.repo, BOT, "write")
    return token


def _environ(world: World, urls: dict[str, str], tokens: dict[str, str]) -> dict[str, str]:
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


def _railway(world: World, shape: tuple[int, str, bool], tmp: Path, exits: ExitStack) -> str:
    services, base, replay = shape
    port = free_port()
    argv = [sys.executable, str(BENCH / "_railway_standin.py"), "--port", str(port)]
    argv += ["--services", str(services), "--base", base, "--anchor", repr(world.anchor)]
    argv += ["--replay"] if replay else []
    railway = Server(argv, port, clean_environ({}), tmp / "railway.log")
    exits.callback(railway.stop)
    railway.wait_listening()
    return f"http://127.0.0.1:{port}{GRAPHQL_PATH}"


def start(world: World, shape: tuple[int, str, bool], tmp: Path, exits: ExitStack) -> Stack:
    """Every stand-in, Redis, a receiver and the ``autofix worker`` process; ``exits`` stops them.

    ``shape`` is how the Railway stand-in builds the same ``world``: services, base scenario,
    and whether it replays answers it computed before.
    """
    script = report_only_script()
    github = exits.enter_context(GitHubStandin())
    tokens = {"github": seed_github(github, world, script), "webhook": secrets.token_urlsafe(16)}
    llm = exits.enter_context(LLMStandinServer(LLMStandin(script, models=(MODEL,))))
    pages = exits.enter_context(StatuspageStandin(None))
    embedded = exits.enter_context(EmbeddedRedis(tmp))
    urls = {
        "redis": embedded.url,
        "data": str(tmp),
        "railway": _railway(world, shape, tmp, exits),
        "github": github.api_url,
        "llm": llm.base_url,
        "statuspage": pages.base_url,
    }
    env = _environ(world, urls, tokens)
    port = free_port()
    receiver = Server(serve_argv(port), port, env, tmp / "receiver.log")
    exits.callback(receiver.stop)
    receiver.wait_listening()
    autofix = str(Path(sys.executable).parent / "autofix")
    worker = Server([autofix, "worker"], 0, env, tmp / "worker.log")
    exits.callback(worker.stop)
    webhook = f"http://127.0.0.1:{port}/webhooks/railway/{tokens['webhook']}"
    return Stack(webhook, embedded.socket, worker)
