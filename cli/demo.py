"""``autofix demo``: the whole flow on one command, with no accounts, against local stand-ins.

Railway, GitHub, the LLM and provider status pages are stand-ins on loopback ports; Redis is
an embedded server in a scratch directory; the receiver, the worker and the real OpenCode
agent are the production code. The demo sends the scenario's Railway alert to the receiver
(and, when that event opens no incident, runs one pass of the periodic sweep, which is how
autofix notices an error spike nobody alerted on), prints each step as the worker runs it,
and ends with the pull request and its diff, or the report it filed.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

import httpx

from cli.demo_report import Printer, summary
from cli.logging_setup import configure_logging
from config.settings import Settings, load_settings
from pipeline.deps import Deps
from pipeline.durable import JobInfo
from pipeline.jobs.sweep import sweep_services
from pipeline.opencode.binaries import REPO_ROOT
from pipeline.redis_server import EmbeddedRedis
from pipeline.worker import create_worker
from receiver.app import create_app
from receiver.local_server import serving
from standins.stack import Stack, start_stack


def demo(settings: Settings, scenario: str, *, as_json: bool) -> int:
    """Run ``scenario`` end to end; exit 0 when it ends the way the scenario expects."""
    if (
        settings.opencode_bin is None
        and not (REPO_ROOT / "node_modules" / ".bin" / "opencode").exists()
    ):
        print(
            "autofix demo needs the OpenCode binary: run `npm ci` in the repository",
            file=sys.stderr,
        )
        return 2
    out = sys.stderr if as_json else sys.stdout
    # The demo prints its own account of each step; the log only adds warnings and errors.
    configure_logging("WARNING", "text")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="demo-", dir=settings.data_dir))
    try:
        with ExitStack() as exits:
            stand_ins = "Railway, GitHub, the LLM and status pages"
            print(f"autofix demo: scenario {scenario}, stand-ins for {stand_ins}", file=out)
            stack = start_stack(scenario, exits)
            redis = exits.enter_context(EmbeddedRedis(scratch, appendfsync="no"))
            environ = {**stack.environ(), "REDIS_URL": redis.url, "AUTOFIX_DATA_DIR": str(scratch)}
            result = asyncio.run(_run(load_settings(environ, env_file=None), stack, Printer(out)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _report(result, out, as_json)
    return 0 if result["ok"] else 1


async def _run(settings: Settings, stack: Stack, printer: Printer) -> dict[str, Any]:
    token = (
        settings.railway_webhook_token.get_secret_value() if settings.railway_webhook_token else ""
    )
    async with serving(create_app(settings)) as base, httpx.AsyncClient(base_url=base) as http:
        payload = stack.alert_payload()
        answer = await http.post(f"/webhooks/railway/{token}", json=payload)
        body = answer.json()
        action = f", action {body['action']}" if "action" in body else ""
        printer.line(
            f"→ Railway sends {payload['type']} for {stack.repo}: {answer.status_code} "
            f"{body.get('status')}{action} ({body.get('reason')})"
        )
        if body.get("action") != "open":
            counts = await _sweep(settings)
            printer.line(
                "→ that event opens no incident; one pass of the periodic sweep "
                f"(AUTOFIX_SWEEP_MINUTES) checks {counts['services']} services: "
                f"{counts['opened']} incident(s) opened"
            )
        worker = create_worker(settings, burst=True, poll_delay=0.05)
        watcher = asyncio.create_task(printer.follow(settings))
        try:
            await worker.async_run()
        finally:
            await worker.close()
            watcher.cancel()
        await printer.flush(settings)
    return await summary(settings, stack)


async def _sweep(settings: Settings) -> dict[str, int]:
    deps = Deps.open(settings)
    try:
        return await sweep_services(deps, JobInfo(job_id="demo-sweep", job_try=1, enqueued_at=None))
    finally:
        await deps.aclose()


def _report(result: dict[str, Any], out: TextIO, as_json: bool) -> None:
    if as_json:
        keys = ("incident_id", "state", "decision", "pr_url", "issue_url", "files_changed")
        print(json.dumps({**{k: result[k] for k in keys}, "expected": result["expected"]}))
        return
    decision = f" (decision: {result['decision']})" if result["decision"] else ""
    verdict = "as expected" if result["ok"] else f"NOT as expected: {result['expected']}"
    print(f"\nincident {result['incident_id']}: {result['state']}{decision}, {verdict}", file=out)
    if result["pr_url"]:
        print(f"draft pull request: {result['pr_url']}", file=out)
    if result["issue_url"]:
        print(f"report: {result['issue_url']}", file=out)
    if result["diff"]:
        print(f"\n{result['diff']}", file=out)
    if result["report"]:
        print(f"\n{result['report']}", file=out)
