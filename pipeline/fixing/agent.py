"""The agent step: an OpenCode session on the clone, under our deadline, with no credentials."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from config.settings import Settings
from pipeline import metrics
from pipeline.metrics import Recorder
from pipeline.opencode.agent_run import run_agent
from pipeline.opencode.client import OpenCodeClient
from pipeline.opencode.runtime import opencode_endpoint
from pipeline.opencode.transcript import AgentRun


async def run_fix_session(
    settings: Settings, recorder: Recorder, workspace: Path, prompt: str, *, title: str
) -> AgentRun:
    """Start (or reach) OpenCode, run one session on ``workspace``, return what the agent did."""
    started = time.monotonic()
    outcome = "failed"
    try:
        # The server's environment is built from an allowlist: no GitHub, Railway or Redis
        # credentials reach the agent, whatever this worker holds.
        async with opencode_endpoint(
            settings, settings, settings.data_dir / "opencode"
        ) as endpoint:
            timeout = httpx.Timeout(30.0, read=None)
            async with httpx.AsyncClient(timeout=timeout) as http:
                client = OpenCodeClient(
                    http, endpoint.base_url, username=endpoint.username, password=endpoint.password
                )
                run = await run_agent(
                    client,
                    workspace,
                    prompt,
                    deadline_seconds=settings.agent_deadline_seconds,
                    title=title,
                )
        outcome = "succeeded"
        return run
    finally:
        await recorder.observe(
            metrics.AGENT_SECONDS, {"outcome": outcome}, time.monotonic() - started
        )
