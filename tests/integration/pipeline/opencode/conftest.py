"""The real OpenCode binary against the LLM stand-in, for this folder's tests.

The parent environment handed to the supervisor is planted with credentials of every kind
autofix holds, so tests can show none of them reaches OpenCode, the agent or the LLM.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from config.llm import LLMSettings
from config.opencode import OpenCodeSettings
from pipeline.opencode import OpenCodeClient, OpenCodeEndpoint, OpenCodeServer, plan_launch
from pipeline.opencode.binaries import OPENCODE_LINK, REPO_ROOT
from standins.llm import LLMStandin, LLMStandinServer, Script

LLM_KEY = "sk-standin-agent-key"
PLANTED = {
    "GITHUB_TOKEN": "ghp_planted0github0token0000000000000000",
    "GH_TOKEN": "gho_planted0gh0cli0token",
    "GITHUB_APP_PRIVATE_KEY": "-----BEGIN RSA PRIVATE KEY-----planted",
    "RAILWAY_API_TOKEN": "planted-railway-api-token",
    "RAILWAY_TOKEN": "planted-railway-project-token",
    "RAILWAY_WEBHOOK_TOKEN": "planted-railway-webhook-token",
    "REDIS_URL": "redis://:planted-redis-password@redis.internal:6379/0",
    "GITHUB_WEBHOOK_SECRET": "planted-webhook-secret",
    "OPENAI_API_KEY": "sk-planted-parent-openai-key",
}

requires_opencode = pytest.mark.skipif(
    not (REPO_ROOT / OPENCODE_LINK).is_file(),
    reason="node_modules/.bin/opencode is missing: run `npm ci` at the repository root",
)


def parent_environment() -> dict[str, str]:
    """This process's environment with every planted credential added."""
    return {**os.environ, **PLANTED}


def settings_for(llm_server: LLMStandinServer) -> tuple[OpenCodeSettings, LLMSettings]:
    """Settings that point OpenCode's provider at the stand-in."""
    llm = LLMSettings.model_validate(
        {
            "AUTOFIX_LLM_BASE_URL": llm_server.base_url,
            "AUTOFIX_LLM_API_KEY": LLM_KEY,
            "AUTOFIX_LLM_MODEL": "fake-model",
        }
    )
    return OpenCodeSettings.model_validate({}), llm


@pytest.fixture(scope="module")
def llm_server() -> Iterator[LLMStandinServer]:
    with LLMStandinServer(LLMStandin(api_key=LLM_KEY)) as server:
        yield server


@pytest.fixture
def standin(llm_server: LLMStandinServer) -> Iterator[LLMStandin]:
    """The module's stand-in, with no requests, faults or hangs left by another test."""
    standin = llm_server.standin
    standin.recorder.clear()
    yield standin
    standin.faults.clear()
    standin.release()
    standin.use_script(Script())


@pytest.fixture(scope="module")
def opencode(
    llm_server: LLMStandinServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[OpenCodeServer, OpenCodeEndpoint]]:
    """One real server for the module; started and stopped outside the tests' event loops."""
    opencode_settings, llm = settings_for(llm_server)
    launch = plan_launch(opencode_settings, llm, tmp_path_factory.mktemp("opencode"))
    server = OpenCodeServer(launch, environ=parent_environment())
    endpoint = asyncio.run(server.start())
    yield server, endpoint
    asyncio.run(server.stop())


@pytest.fixture
async def client(
    opencode: tuple[OpenCodeServer, OpenCodeEndpoint],
) -> AsyncIterator[OpenCodeClient]:
    async with httpx.AsyncClient(timeout=30) as http:
        yield opencode[1].client(http)


def proc_environ(pid: int) -> dict[str, str]:
    """A running process's environment, from ``/proc``."""
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    pairs = (entry.decode().partition("=") for entry in raw if entry)
    return {name: value for name, _, value in pairs}
