"""The OpenCode server's private home: HOME, XDG dirs and TMPDIR under autofix's data dir.

Nothing of the user's ``~/.config/opencode``, auth or database leaks in, and the server's
state (sessions in SQLite, snapshots, logs) stays where autofix can find and delete it.

At every start OpenCode installs ``@opencode-ai/plugin`` into its config dir with npm unless
that dir already has ``node_modules`` and a ``package-lock.json`` listing the package. Seeding
links the copy ``npm ci`` installed (same pinned version), so a start needs no registry.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PLUGIN_NAME = "@opencode-ai/plugin"


@dataclass(frozen=True)
class ServerHome:
    """The directory tree one OpenCode server lives in."""

    root: Path

    @property
    def home(self) -> Path:
        """``HOME``."""
        return self.root / "home"

    @property
    def config_dir(self) -> Path:
        """OpenCode's global config dir, ``$XDG_CONFIG_HOME/opencode``."""
        return self.home / ".config" / "opencode"

    @property
    def tmp(self) -> Path:
        """``TMPDIR``."""
        return self.root / "tmp"

    @property
    def scratch(self) -> Path:
        """The scratch dir OpenCode offers the agent outside the repository."""
        return self.tmp / "opencode"

    @property
    def workdir(self) -> Path:
        """The server's working directory: empty, since every session names its own."""
        return self.root / "work"

    @property
    def owners(self) -> Path:
        """One file per running server: its tag, holding the pid of the process that owns it."""
        return self.root / "servers"

    @property
    def log_file(self) -> Path:
        """Where the server's stdout and stderr go."""
        return self.root / "server.log"

    def environment(self) -> dict[str, str]:
        """``HOME``, the XDG variables and ``TMPDIR`` pointing into this tree."""
        return {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "TMPDIR": str(self.tmp),
        }

    def prepare(self, plugin: Path | None) -> None:
        """Create the tree and seed the plugin package, once."""
        for path in (self.config_dir, self.tmp, self.workdir):
            path.mkdir(parents=True, exist_ok=True)
        if plugin is None:
            log.warning("no installed %s to seed; OpenCode will try npm at start", PLUGIN_NAME)
            return
        seed_plugin(self.config_dir, plugin)


def seed_plugin(config_dir: Path, plugin: Path) -> None:
    """Make ``config_dir`` look like npm already installed ``plugin`` there."""
    version = str(json.loads((plugin / "package.json").read_text())["version"])
    dependencies = {PLUGIN_NAME: version}
    link = config_dir / "node_modules" / PLUGIN_NAME
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and link.resolve() != plugin.resolve():
        link.unlink()
    if not link.exists():
        # A link, not a copy: the plugin's own dependencies resolve beside the real package.
        link.symlink_to(plugin.resolve(), target_is_directory=True)
    manifest = {"name": "opencode-config", "private": True, "dependencies": dependencies}
    lock = {
        "name": "opencode-config",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "": {"name": "opencode-config", "dependencies": dependencies},
            f"node_modules/{PLUGIN_NAME}": {"version": version, "link": True},
        },
    }
    (config_dir / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (config_dir / "package-lock.json").write_text(json.dumps(lock, indent=2) + "\n")
