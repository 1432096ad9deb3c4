"""``autofix doctor`` against the stand-ins: one row per dependency, with a fix for each problem."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from standins.stack import Stack, start_stack
from tests.support.processes import ROOT, autofix_env


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with ExitStack() as exits:
        yield start_stack("memory_leak", exits)


def doctor(env: dict[str, str]) -> tuple[int, dict[str, str]]:
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "doctor"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = {line.split()[0]: line for line in done.stdout.splitlines()[1:] if line.strip()}
    return done.returncode, rows


def test_every_dependency_gets_a_row(stack: Stack, redis_url: str, tmp_path: Path) -> None:
    code, rows = doctor(
        autofix_env(**stack.environ(), REDIS_URL=redis_url, AUTOFIX_DATA_DIR=str(tmp_path))
    )
    for name in ("configuration", "redis", "railway", "github", "llm"):
        assert " OK " in rows[name], rows[name]
    assert "acme-shop" in rows["railway"]
    assert "problem" in rows["worker"]  # no worker runs in this test
    assert "autofix worker" in rows["worker"]
    assert code == 1


def test_a_wrong_token_is_a_problem_with_a_hint(
    stack: Stack, redis_url: str, tmp_path: Path
) -> None:
    overrides = {**stack.environ(), "GITHUB_TOKEN": "ghp_wrong"}
    env = autofix_env(**overrides, REDIS_URL=redis_url, AUTOFIX_DATA_DIR=str(tmp_path))
    code, rows = doctor(env)
    assert "problem" in rows["github"]
    assert "check GITHUB_TOKEN" in rows["github"]
    assert code == 1
