"""A server left running by a worker that died is reaped by the next server start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.opencode.sweep import TAG_VARIABLE, claim, reap_orphans


def dead_pid() -> int:
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(finished.stdout)


def test_orphans_of_a_dead_owner_are_killed(tmp_path: Path) -> None:
    orphan = subprocess.Popen(["sleep", "60"], env={**os.environ, TAG_VARIABLE: "orphaned"})
    (tmp_path / "orphaned").write_text(str(dead_pid()))
    try:
        assert reap_orphans(tmp_path) == 1
        assert orphan.wait(timeout=5) == -9
        assert not (tmp_path / "orphaned").exists()
    finally:
        orphan.kill()


def test_a_live_owner_keeps_its_server(tmp_path: Path) -> None:
    running = subprocess.Popen(["sleep", "60"], env={**os.environ, TAG_VARIABLE: "alive"})
    claim(tmp_path, "alive")  # owned by this (living) process
    try:
        assert reap_orphans(tmp_path) == 0
        assert running.poll() is None
    finally:
        running.kill()
        running.wait()
