"""The one ``Settings`` object, read once from the environment and an optional ``.env`` file.

Each concern declares its variables in its own module; ``Settings`` inherits them all, so the
environment stays flat (``REDIS_URL``, ``RAILWAY_API_TOKEN``) while the code stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from dotenv import dotenv_values
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from config.analysis import AnalysisSettings
from config.context import ContextSettings
from config.detection import DetectionSettings, detection_problems
from config.github import GitHubSettings, github_problems
from config.intake import IntakeSettings
from config.jobs import JobSettings
from config.llm import LLMSettings
from config.opencode import OpenCodeSettings
from config.railway import RailwaySettings, railway_problems
from config.server import ServerSettings
from config.sweep import SweepSettings
from config.verify import VerifySettings

CrossCheck = Callable[[Mapping[str, str]], list[str]]


class Settings(
    VerifySettings,
    GitHubSettings,
    OpenCodeSettings,
    AnalysisSettings,
    LLMSettings,
    ContextSettings,
    SweepSettings,
    DetectionSettings,
    RailwaySettings,
    IntakeSettings,
    JobSettings,
    ServerSettings,
):
    """Everything autofix can be configured with; see the table in README.md."""

    # Bases are listed last-first: pydantic orders fields from the last base, and the README
    # table reads best starting with the server.

    model_config = SettingsConfigDict(extra="ignore", frozen=True)


CROSS_CHECKS: tuple[CrossCheck, ...] = (railway_problems, github_problems, detection_problems)


class ConfigError(Exception):
    """Configuration is invalid; ``problems`` names every variable that is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"autofix: invalid configuration ({len(problems)} problem(s)):\n{lines}")


def known_variables() -> dict[str, str]:
    """Environment variable name → field name, for every setting."""
    out: dict[str, str] = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, str):
            out[alias] = name
    return out


def load_settings(environ: Mapping[str, str], env_file: Path | None = Path(".env")) -> Settings:
    """``Settings`` from ``environ`` over ``env_file``; ``ConfigError`` lists every problem."""
    raw: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        raw.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    raw.update(environ)
    known = known_variables()
    values = {k.upper(): v for k, v in raw.items() if k.upper() in known and v != ""}
    problems: list[str] = []
    settings: Settings | None = None
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        problems.extend(_describe(error) for error in exc.errors())
    for check in CROSS_CHECKS:
        problems.extend(check(values))
    if problems or settings is None:
        raise ConfigError(problems)
    return settings


def _describe(error: Mapping[str, object]) -> str:
    loc = error.get("loc") or ("?",)
    name = str(loc[0]) if isinstance(loc, tuple) else str(loc)
    given = error.get("input")
    shown = "" if given is None or _is_secret(name) else f" (got {given!r})"
    return f"{name}: {error.get('msg')}{shown}"


def _is_secret(name: str) -> bool:
    return any(word in name for word in ("TOKEN", "SECRET", "KEY", "PASSWORD"))
