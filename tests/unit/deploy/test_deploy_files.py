"""The Dockerfile, railway.toml files and .railway/railway.ts describe what the code provides."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
from starlette.routing import Route

from cli.main import parser
from config.settings import known_variables, load_settings
from receiver.app import create_app

ROOT = Path(__file__).parents[3]
README = (ROOT / "README.md").read_text()
IAC = (ROOT / ".railway" / "railway.ts").read_text()
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def commands() -> set[str]:
    sub = next(a for a in parser()._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]  # argparse's choices is a dict here


def get_routes() -> set[str]:
    app = create_app(load_settings({"REDIS_URL": "redis://unused"}, env_file=None))
    return {r.path for r in app.routes if isinstance(r, Route) and "GET" in (r.methods or ())}


def start_commands() -> dict[str, str]:
    found = {}
    for name in ("railway.toml", "railway.worker.toml"):
        found[name] = tomllib.loads((ROOT / name).read_text())["deploy"]["startCommand"]
    for index, start in enumerate(re.findall(r'start:\s*"([^"]+)"', IAC)):
        found[f"railway.ts#{index}"] = start
    cmd = re.search(r'^CMD \["(\w+)"\]', DOCKERFILE, re.M)
    assert cmd is not None
    found["Dockerfile"] = f"autofix {cmd.group(1)}"
    return found


@pytest.mark.parametrize(("where", "command"), sorted(start_commands().items()))
def test_start_commands_exist_and_are_documented(where: str, command: str) -> None:
    program, sub, *_ = shlex.split(command)
    assert program == "autofix"
    assert sub in commands(), f"{where} starts `{command}`, which the CLI does not have"
    assert f"autofix {sub}" in README, f"README does not mention `autofix {sub}`"


def test_both_roles_are_declared_everywhere() -> None:
    starts = set(start_commands().values())
    assert {"autofix serve", "autofix worker"} <= starts
    assert "redis(" in IAC
    assert "REDIS_URL: cache.env.REDIS_URL" in IAC


def test_healthcheck_paths_are_routes() -> None:
    paths = {tomllib.loads((ROOT / "railway.toml").read_text())["deploy"]["healthcheckPath"]}
    paths |= set(re.findall(r'healthcheck:\s*"([^"]+)"', IAC))
    assert paths <= get_routes()


def test_iac_variables_are_settings() -> None:
    block_keys = set(re.findall(r"^\s+([A-Z][A-Z0-9_]+):", IAC, re.M))
    assert block_keys, "no environment variables found in railway.ts"
    unknown = block_keys - set(known_variables())
    assert not unknown, f"railway.ts sets variables autofix does not read: {unknown}"


def test_dockerfile_copies_what_exists() -> None:
    for source in re.findall(r"^COPY (?!--from)(\S+)", DOCKERFILE, re.M):
        assert (ROOT / source).exists(), f"Dockerfile copies missing {source}"
    assert "npm ci" in DOCKERFILE
    assert (ROOT / "package-lock.json").exists()
    assert "HEALTHCHECK" in DOCKERFILE
    assert "healthcheck" in commands()
    assert "USER autofix" in DOCKERFILE


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text()
