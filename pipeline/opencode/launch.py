"""Everything needed to start an OpenCode server, decided once from the settings."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from config.llm import LLMSettings
from config.opencode import OpenCodeSettings
from pipeline.opencode.binaries import REPO_ROOT, opencode_binary, plugin_package, ripgrep_dir
from pipeline.opencode.config_document import config_content
from pipeline.opencode.home import ServerHome


@dataclass(frozen=True)
class Launch:
    """How to start one server: binary, home, configuration, credentials, extra PATH dirs."""

    binary: Path
    home: ServerHome
    config_json: str
    username: str
    password: SecretStr
    path_dirs: tuple[Path, ...] = ()
    plugin: Path | None = None
    trust_repo_config: bool = False
    startup_seconds: float = 60.0


def plan_launch(
    opencode: OpenCodeSettings, llm: LLMSettings, data_dir: Path, root: Path = REPO_ROOT
) -> Launch:
    """The launch the settings ask for; the server lives under ``data_dir``."""
    rg = ripgrep_dir()
    # Without a configured password the server still gets one: its API can run shell commands.
    password = opencode.opencode_server_password or SecretStr(secrets.token_urlsafe(24))
    home = ServerHome(data_dir)
    return Launch(
        binary=opencode_binary(opencode.opencode_bin, root),
        home=home,
        config_json=config_content(llm, scratch=home.scratch),
        username=opencode.opencode_server_username,
        password=password,
        path_dirs=(rg,) if rg else (),
        plugin=plugin_package(root),
        trust_repo_config=opencode.opencode_trust_repo_config,
        startup_seconds=opencode.opencode_startup_seconds,
    )
