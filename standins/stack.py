"""Every stand-in for one scenario, started together, and the settings that point autofix at them.

Used by ``autofix demo`` and by the end-to-end tests, so both drive the production code path
with only URLs changed: Railway (schema-checked GraphQL), GitHub (REST and git over HTTP),
the LLM (OpenAI-compatible, scripted) and provider status pages, each on a loopback port.
"""

from __future__ import annotations

import secrets
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from standins.github import GitHubStandin
from standins.github.records import Role
from standins.llm.script import Script, load_script
from standins.llm.server import LLMStandinServer
from standins.llm.standin import LLMStandin
from standins.railway.catalog import world_for
from standins.railway.server import RailwayStandin
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.railway.world import World
from standins.statuspage.server import StatuspageStandin

BOT = "autofix-bot"
MAINTAINER = "dana"
OUTSIDER = "mallory"
MODEL = "fake-model"

# Scenario → the LLM script (analysis, agent steps, repository) it plays out with.
SCRIPTS = {"memory_leak": "memory-leak"}
# Scenario → provider status pages (provider id → page document) it comes with.
STATUS_PAGES: dict[str, dict[str, str]] = {"upstream_outage": {"stripe": "major_incident"}}


@dataclass
class Stack:
    """The running stand-ins of one scenario."""

    scenario: str
    world: World
    railway: RailwayStandin
    github: GitHubStandin
    llm: LLMStandinServer
    statuspage: StatuspageStandin
    script: Script
    repo: str
    tokens: dict[str, str] = field(default_factory=dict)
    webhook_token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    webhook_secret: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    def environ(self) -> dict[str, str]:
        """Environment variables that point autofix at these stand-ins."""
        scenario = self.world.scenario
        return {
            "RAILWAY_API_URL": self.railway.graphql_url,
            "RAILWAY_API_TOKEN": DEFAULT_ACCOUNT_TOKEN,
            "RAILWAY_PROJECT_ID": scenario.project.id,
            "RAILWAY_ENVIRONMENT_ID": scenario.environment.id,
            "RAILWAY_WEBHOOK_TOKEN": self.webhook_token,
            "GITHUB_API_URL": self.github.api_url,
            "GITHUB_TOKEN": self.tokens[BOT],
            "GITHUB_WEBHOOK_SECRET": self.webhook_secret,
            "AUTOFIX_BOT_LOGIN": BOT,
            "AUTOFIX_LLM_BASE_URL": self.llm.base_url,
            "AUTOFIX_LLM_API_KEY": "sk-standin-" + secrets.token_hex(8),
            "AUTOFIX_LLM_MODEL": MODEL,
            "AUTOFIX_STATUSPAGE_BASE_URL": self.statuspage.base_url,
            "AUTOFIX_SWEEP_MINUTES": "0",
        }

    def alert_payload(self) -> dict[str, Any]:
        """The scenario's Railway webhook, stamped with when it fired."""
        return self.world.alert_payload()


def start_stack(scenario: str, exits: ExitStack, *, alert_age_seconds: float = 20 * 60) -> Stack:
    """Start every stand-in for ``scenario``; ``exits`` stops them."""
    world = world_for(scenario, alert_age_seconds=alert_age_seconds)
    script = load_script(SCRIPTS.get(scenario, "memory-leak"))
    repo = _repo_of(world)
    github = exits.enter_context(GitHubStandin())
    tokens = {
        login: f"ghp_{login}_{secrets.token_hex(12)}" for login in (BOT, MAINTAINER, OUTSIDER)
    }
    _seed_github(github, repo, script, tokens)
    return Stack(
        scenario=scenario,
        world=world,
        railway=exits.enter_context(RailwayStandin(world)),
        github=github,
        llm=exits.enter_context(LLMStandinServer(LLMStandin(script, models=(MODEL,)))),
        statuspage=exits.enter_context(StatuspageStandin(STATUS_PAGES.get(scenario))),
        script=script,
        repo=repo,
        tokens=tokens,
    )


def _repo_of(world: World) -> str:
    service = world.scenario.service(world.scenario.expected.service_id)
    repo = service.repo if service else None
    return repo or "acme/app"


def _seed_github(github: GitHubStandin, repo: str, script: Script, tokens: dict[str, str]) -> None:
    control = github.control
    control.create_repo(repo, script.repo or {"README.md": "# app\n"})
    roles: tuple[tuple[str, Role], ...] = (
        (BOT, "write"),
        (MAINTAINER, "maintain"),
        (OUTSIDER, "read"),
    )
    for login, role in roles:
        control.add_user(login, "Bot" if login == BOT else "User")
        control.add_token(tokens[login], login)
        control.set_role(repo, login, role)
