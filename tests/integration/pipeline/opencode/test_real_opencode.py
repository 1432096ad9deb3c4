"""The pinned OpenCode binary fixing the memory-leak sample, driven only over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from pipeline.opencode import (
    AgentDeadlineExceeded,
    AgentFailed,
    OpenCodeClient,
    OpenCodeEndpoint,
    OpenCodeRejected,
    OpenCodeServer,
    OpenCodeUnavailable,
    plan_launch,
    run_agent,
)
from pipeline.opencode.wire import Session
from standins.llm import (
    Fault,
    LLMStandin,
    LLMStandinServer,
    RequestKind,
    Script,
    load_script,
    write_sample_repo,
)
from tests.integration.pipeline.opencode.conftest import (
    LLM_KEY,
    PLANTED,
    proc_environ,
    requires_opencode,
    settings_for,
)

pytestmark = [pytest.mark.slow, requires_opencode]

DEADLINE = 120.0
HANG_DEADLINE = 5.0


def changed_files(repo: Path) -> list[str]:
    diff = subprocess.run(
        ["git", "diff", "--name-only"], cwd=repo, capture_output=True, text=True, check=True
    )
    return diff.stdout.split()


def sample_repo(tmp_path: Path) -> Path:
    return write_sample_repo(load_script("memory-leak"), tmp_path / "shop-api")


async def test_agent_fixes_the_memory_leak(
    client: OpenCodeClient, standin: LLMStandin, tmp_path: Path
) -> None:
    script = load_script("memory-leak")
    standin.use_script(script)
    repo = sample_repo(tmp_path)
    started = time.monotonic()
    run = await run_agent(client, repo, "Fix the memory leak.", deadline_seconds=DEADLINE)
    print(f"\nsession round trip: {time.monotonic() - started:.2f} s")
    assert changed_files(repo) == ["shop/recommendations.py"]
    assert "MAX_SESSIONS = 10_000" in (repo / "shop" / "recommendations.py").read_text()
    assert [(c.name, c.status) for c in run.tool_calls] == [
        ("read", "completed"),
        ("edit", "completed"),
        ("bash", "completed"),
    ]
    assert "cache bounded at 10000" in run.tool_calls[2].output
    assert run.final_text == script.agent.final
    assert run.files_changed == [str(repo / "shop" / "recommendations.py")]
    agent_calls = standin.requests_of(RequestKind.AGENT)
    assert len(agent_calls) == 4
    assert {"read", "edit", "bash"} <= set(agent_calls[0].request.tool_names)
    assert agent_calls[0].headers["authorization"] == f"Bearer {LLM_KEY}"
    assert standin.requests_of(RequestKind.TITLE) == []


async def test_transcript_is_stored_until_the_session_is_deleted(
    client: OpenCodeClient, standin: LLMStandin, tmp_path: Path
) -> None:
    standin.use_script(Script.model_validate({"agent": {"final": "Nothing to change."}}))
    run = await run_agent(client, sample_repo(tmp_path), "Look.", deadline_seconds=DEADLINE)
    session = Session(id=run.session_id, directory=run.directory)
    messages = await client.messages(session)
    assert [m.info.role for m in messages] == ["user", "assistant"]
    assert [p.text for p in messages[-1].parts if p.type == "text"] == ["Nothing to change."]
    assert await client.delete_session(session)
    with pytest.raises(OpenCodeRejected, match="404"):
        await client.messages(session)


async def test_agent_shell_sees_no_credentials(
    client: OpenCodeClient, standin: LLMStandin, tmp_path: Path
) -> None:
    bash_env = {"name": "bash", "arguments": {"command": "env", "description": "Show env"}}
    standin.use_script(Script.model_validate({"agent": {"steps": [{"tool_calls": [bash_env]}]}}))
    run = await run_agent(client, sample_repo(tmp_path), "Show env.", deadline_seconds=DEADLINE)
    shown = run.tool_calls[0].output
    assert "HOME=" in shown
    for name, secret in PLANTED.items():
        assert f"{name}=" not in shown
        assert secret not in shown
    leaks = [r.index for r in standin.requests for s in PLANTED.values() if r.contains(s)]
    assert leaks == []


async def test_hanging_llm_is_aborted_at_the_deadline(
    client: OpenCodeClient, standin: LLMStandin, tmp_path: Path
) -> None:
    repo = sample_repo(tmp_path)
    # A first session pays for OpenCode's set-up of a new directory, which the deadline
    # below must not have to cover.
    await run_agent(client, repo, "Warm up.", deadline_seconds=DEADLINE)
    standin.recorder.clear()
    standin.add_fault(Fault(kind="hang", only=RequestKind.AGENT))
    started = time.monotonic()
    with pytest.raises(AgentDeadlineExceeded, match="aborted") as caught:
        await run_agent(client, repo, "Fix it.", deadline_seconds=HANG_DEADLINE)
    assert HANG_DEADLINE <= time.monotonic() - started < HANG_DEADLINE + 10
    assert [r.fault for r in standin.requests] == ["hang"]
    aborted = Session(id=caught.value.session_id, directory=str(repo))
    assert (await client.status(aborted)).type == "idle"
    last = (await client.messages(aborted))[-1].info
    assert last.error is not None
    assert last.error.name == "MessageAbortedError"


async def test_llm_server_error_is_retried_by_opencode(
    client: OpenCodeClient, standin: LLMStandin, tmp_path: Path
) -> None:
    standin.use_script(Script.model_validate({"agent": {"final": "Recovered."}}))
    standin.add_fault(Fault(kind="error", status=500, only=RequestKind.AGENT))
    run = await run_agent(client, sample_repo(tmp_path), "Go.", deadline_seconds=DEADLINE)
    assert run.final_text == "Recovered."
    assert [r.fault for r in standin.requests_of(RequestKind.AGENT)] == ["error", None]


async def test_llm_client_error_fails_the_run(
    client: OpenCodeClient, standin: LLMStandin, tmp_path: Path
) -> None:
    standin.add_fault(Fault(kind="error", status=400, only=RequestKind.AGENT))
    with pytest.raises(AgentFailed, match="APIError") as caught:
        await run_agent(client, sample_repo(tmp_path), "Go.", deadline_seconds=DEADLINE)
    assert not caught.value.retryable
    assert [r.fault for r in standin.requests_of(RequestKind.AGENT)] == ["error"]


def test_server_environment_holds_no_credentials(
    opencode: tuple[OpenCodeServer, OpenCodeEndpoint],
) -> None:
    server, _ = opencode
    assert server.pid is not None
    environ = proc_environ(server.pid)
    assert not {name for name in environ if name.startswith(("GITHUB", "GH_", "RAILWAY"))}
    assert "REDIS_URL" not in environ
    assert "OPENAI_API_KEY" not in environ
    values = "\n".join(environ.values())
    assert not [name for name, secret in PLANTED.items() if secret in values]
    assert LLM_KEY in environ["OPENCODE_CONFIG_CONTENT"]


def group_members(pgid: int) -> list[int]:
    """Live processes in process group ``pgid``."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def processes_with(marker: str) -> list[int]:
    """Live processes whose command line contains ``marker``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes().replace(b"\0", b" "):
                found.append(int(cmdline.parent.name))
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


async def test_stop_leaves_no_process_behind(
    llm_server: LLMStandinServer, standin: LLMStandin, tmp_path: Path
) -> None:
    marker = f"sleep 86{os.getpid() % 1000:03d}"
    command = {"name": "bash", "arguments": {"command": marker, "timeout": 600_000}}
    standin.use_script(Script.model_validate({"agent": {"steps": [{"tool_calls": [command]}]}}))
    opencode_settings, llm = settings_for(llm_server)
    server = OpenCodeServer(plan_launch(opencode_settings, llm, tmp_path / "oc"), environ={})
    endpoint = await server.start()
    print(f"\nstart-up: {server.startup_seconds:.2f} s")
    pid = server.pid
    async with httpx.AsyncClient(timeout=30) as http:
        client = endpoint.client(http)
        running = asyncio.create_task(
            run_agent(client, sample_repo(tmp_path), "Sleep.", deadline_seconds=DEADLINE)
        )
        try:
            await until(lambda: bool(processes_with(marker)))
        finally:
            await server.stop()
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError, OpenCodeUnavailable):
                await running
    assert pid is not None
    assert group_members(pid) == []
    assert processes_with(marker) == []


async def until(condition: Callable[[], bool]) -> None:
    """Return once ``condition()`` holds; fail after ``DEADLINE``."""
    async with asyncio.timeout(DEADLINE):
        while not condition():  # noqa: ASYNC110 -- the state is another process's
            await asyncio.sleep(0.1)
