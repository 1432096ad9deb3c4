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
from standins.railway.catalog import load_scenario, world_for
from standins.railway.scenario import Scenario
from standins.railway.server import RailwayStandin
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.railway.world import World
from standins.statuspage.server import StatuspageStandin

BOT = "autofix-bot"
MAINTAINER = "dana"
OUTSIDER = "mallory"
MODEL = "fake-model"

# Scenario → the LLM script (analysis, agent steps, repository) it plays out with.
SCRIPTS = {
    "memory_leak": "memory-leak",
    "crash_loop": "crash-loop",
    "slow_queries": "slow-queries",
    "error_spike_after_deploy": "error-spike-after-deploy",
    "upstream_outage": "upstream-outage",
}
# Scenario → provider status pages (provider id → page document) it comes with.
STATUS_PAGES: dict[str, dict[str, str]] = {"upstream_outage": {"stripe": "major_incident"}}


@dataclass(frozen=True)
class Ending:
    """How a scenario's incident must end: its state, and the analyst's decision if it had one."""

    state: str
    decision: str | None = None


ENDINGS = {
    "healthy_cpu_spikes": Ending("dismissed"),
    "memory_leak": Ending("pr_open", "fix_code"),
    "crash_loop": Ending("pr_open", "fix_code"),
    "slow_queries": Ending("pr_open", "fix_code"),
    "error_spike_after_deploy": Ending("pr_open", "rollback"),
    "upstream_outage": Ending("reported", "wait_upstream"),
}


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
    # The real shas of the script's named history commits (its deploys name them too).
    commits: dict[str, str] = field(default_factory=dict)
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

    @property
    def ending(self) -> Ending:
        """How the scenario must end; unlisted ones by their verdict alone."""
        if self.scenario in ENDINGS:
            return ENDINGS[self.scenario]
        dismissed = self.world.scenario.expected.verdict == "dismiss"
        return Ending("dismissed" if dismissed else "pr_open")


def start_stack(scenario: str, exits: ExitStack, *, alert_age_seconds: float = 20 * 60) -> Stack:
    """Start every stand-in for ``scenario``; ``exits`` stops them."""
    plan = load_scenario(scenario)
    script = load_script(SCRIPTS[scenario]) if scenario in SCRIPTS else Script()
    repo = _repo_of(plan)
    github = exits.enter_context(GitHubStandin())
    tokens = {
        login: f"ghp_{login}_{secrets.token_hex(12)}" for login in (BOT, MAINTAINER, OUTSIDER)
    }
    shas = _seed_github(github, repo, script, tokens)
    commits = {c.name: shas[c.message] for c in script.history if c.name}
    world = world_for(_deployed_from(plan, repo, shas), alert_age_seconds=alert_age_seconds)
    script = script.with_commits(commits)
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
        commits=commits,
    )


def _repo_of(scenario: Scenario) -> str:
    service = scenario.service(scenario.expected.service_id)
    repo = service.repo if service else None
    return repo or "acme/app"


def _seed_github(
    github: GitHubStandin, repo: str, script: Script, tokens: dict[str, str]
) -> dict[str, str]:
    """Create ``repo`` with the script's files and history; return each commit's sha by message."""
    control = github.control
    control.create_repo(repo, script.repo or {"README.md": "# app\n"})
    shas = {
        commit.message: control.push_files(repo, "main", commit.files, message=commit.message)
        for commit in script.history
    }
    roles: tuple[tuple[str, Role], ...] = (
        (BOT, "write"),
        (MAINTAINER, "maintain"),
        (OUTSIDER, "read"),
    )
    for login, role in roles:
        control.add_user(login, "Bot" if login == BOT else "User")
        control.add_token(tokens[login], login)
        control.set_role(repo, login, role)
    return shas


def _deployed_from(scenario: Scenario, repo: str, shas: dict[str, str]) -> Scenario:
    """``scenario`` with each deploy of ``repo`` naming the real commit its message matches.

    A scenario's commit hashes are made up; Railway reports the commit it built, so the deploys
    (and the alert naming one) get the sha of the stand-in repository's commit of that message.
    """
    if not shas:
        return scenario
    # exclude_unset: an incident overlay lays only the fields it sets over the healthy profile.
    text = scenario.model_dump_json(exclude_unset=True)
    for service in scenario.services:
        if service.repo != repo:
            continue
        for deployment in service.deployments:
            commit = deployment.commit
            if commit is not None and commit.message in shas:
                text = text.replace(commit.hash, shas[commit.message])
    return Scenario.model_validate_json(text)
