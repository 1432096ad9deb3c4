"""The console script as a newcomer runs it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from pipeline.redis_server import EmbeddedRedis
from receiver.local_server import free_port
from tests.support.processes import ROOT, autofix, autofix_env


def test_bad_configuration_is_one_message_and_exit_2(tmp_path: Path) -> None:
    env = autofix_env(
        PORT="http", AUTOFIX_JOB_MAX_TRIES="-1", RAILWAY_TOKEN="a", RAILWAY_API_TOKEN="b"
    )
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "serve"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "3 problem(s)" in done.stderr
    for name in ("PORT", "AUTOFIX_JOB_MAX_TRIES", "RAILWAY_TOKEN"):
        assert name in done.stderr


def test_dev_starts_on_embedded_defaults_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    env = autofix_env(AUTOFIX_DATA_DIR=str(tmp_path / "data"))
    started = time.monotonic()
    with autofix("dev", "--port", str(port), env=env, log=tmp_path / "dev.log") as dev:
        ready = _wait_ready(f"http://127.0.0.1:{port}", timeout=10)
        elapsed = time.monotonic() - started
        assert ready, (tmp_path / "dev.log").read_text()
        assert elapsed < 10
        os.killpg(dev.pid, signal.SIGINT)  # what Ctrl-C does to the foreground group
        assert dev.wait(timeout=30) == 0
    log = (tmp_path / "dev.log").read_text()
    assert "/webhooks/railway/" in log
    assert "Traceback" not in log
    socket = EmbeddedRedis(tmp_path / "data").socket
    assert not socket.exists(), "embedded Redis still running after Ctrl-C"


def _wait_ready(base: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            health = httpx.get(f"{base}/healthz", timeout=0.5)
            ready = httpx.get(f"{base}/readyz", timeout=0.5)
            if health.status_code == ready.status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False
