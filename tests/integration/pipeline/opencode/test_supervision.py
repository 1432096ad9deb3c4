"""``OpenCodeServer`` with a stand-in binary: readiness, environment, stopping every process."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from pipeline.opencode import Launch, OpenCodeServer, OpenCodeUnavailable
from pipeline.opencode.home import ServerHome

READY = """
import json, os, subprocess, sys, time
port = sys.argv[sys.argv.index("--port") + 1]
child = subprocess.Popen(["sleep", "300"], start_new_session=True)
with open({report!r}, "w") as f:
    json.dump({{"env": dict(os.environ), "cwd": os.getcwd(), "child": child.pid}}, f)
print("some start-up noise", flush=True)
print(f"opencode server listening on http://127.0.0.1:{{port}}", flush=True)
time.sleep(300)
"""
FAILS = """
import sys
print("Error: Unexpected error ServeError", flush=True)
sys.exit(1)
"""
SILENT = """
import time
time.sleep(300)
"""


def fake_binary(tmp_path: Path, body: str) -> Path:
    binary = tmp_path / "opencode"
    binary.write_text(f"#!{sys.executable}\n{body}")
    binary.chmod(0o755)
    return binary


def launch(binary: Path, tmp_path: Path, startup_seconds: float = 10) -> Launch:
    return Launch(
        binary=binary,
        home=ServerHome(tmp_path / "oc"),
        config_json="{}",
        username="opencode",
        password=SecretStr("s3cret"),
        startup_seconds=startup_seconds,
    )


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


async def gone(pid: int) -> bool:
    """True once ``pid`` has died; a killed orphan lingers until init notices it."""
    for _ in range(50):
        if not alive(pid):
            return True
        await asyncio.sleep(0.1)
    return False


async def test_ready_line_environment_and_group_stop(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    binary = fake_binary(tmp_path, READY.format(report=str(report)))
    parent = {"PATH": os.environ["PATH"], "GITHUB_TOKEN": "ghp_x", "RAILWAY_TOKEN": "rw"}
    server = OpenCodeServer(launch(binary, tmp_path), environ=parent)
    endpoint = await server.start()
    assert endpoint.base_url.startswith("http://127.0.0.1:")
    assert endpoint.password == SecretStr("s3cret")
    assert server.startup_seconds is not None
    seen = json.loads(report.read_text())
    assert "GITHUB_TOKEN" not in seen["env"]
    assert "RAILWAY_TOKEN" not in seen["env"]
    assert seen["env"]["HOME"] == str(tmp_path / "oc" / "home")
    assert seen["cwd"] == str(tmp_path / "oc" / "work")
    pid = server.pid
    assert pid is not None
    await server.stop()
    assert await gone(pid)
    assert await gone(seen["child"])
    assert server.pid is None


async def test_exit_during_start_up_is_reported_with_the_log(tmp_path: Path) -> None:
    server = OpenCodeServer(launch(fake_binary(tmp_path, FAILS), tmp_path), environ={})
    with pytest.raises(OpenCodeUnavailable, match="ServeError"):
        await server.start()
    assert server.pid is None


async def test_silence_past_the_start_up_limit(tmp_path: Path) -> None:
    server = OpenCodeServer(launch(fake_binary(tmp_path, SILENT), tmp_path, 0.5), environ={})
    with pytest.raises(OpenCodeUnavailable, match=r"did not listen within 0\.5 s"):
        await server.start()
    assert server.pid is None


async def test_stop_twice_is_harmless(tmp_path: Path) -> None:
    server = OpenCodeServer(launch(fake_binary(tmp_path, SILENT), tmp_path), environ={})
    await server.stop()
    await server.stop()
