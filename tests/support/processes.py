"""Starting autofix commands as real processes in tests, and stopping them for sure."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).parents[2]


def autofix_env(**extra: str) -> dict[str, str]:
    """The test process's environment minus anything that would point autofix elsewhere."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("AUTOFIX_", "RAILWAY_", "GITHUB_"))
    }
    env.pop("REDIS_URL", None)
    env["AUTOFIX_LOG_FORMAT"] = "text"
    env.update(extra)
    return env


@contextmanager
def autofix(
    *args: str, env: Mapping[str, str], log: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``autofix <args>`` in its own process group; kill the group on exit."""
    out = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", *args],
        cwd=ROOT,
        env=dict(env),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if log:
            out.close()  # type: ignore[union-attr]
