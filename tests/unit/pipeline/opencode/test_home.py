"""The private home, and the seeded plugin that spares OpenCode an npm install at start."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.opencode.home import PLUGIN_NAME, ServerHome


def fake_plugin(root: Path, version: str = "1.18.33") -> Path:
    package = root / "node_modules" / "@opencode-ai" / "plugin"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": PLUGIN_NAME, "version": version}))
    return package


def opencode_would_install(config_dir: Path) -> bool:
    """OpenCode 1.18.33's own check (``Npm.install``), as read from the binary."""
    if not (config_dir / "node_modules").exists():
        return True
    manifest: dict[str, Any] = json.loads((config_dir / "package.json").read_text())
    lock: dict[str, Any] = json.loads((config_dir / "package-lock.json").read_text())
    wanted = {*manifest.get("dependencies", {}), PLUGIN_NAME}
    locked = set(lock.get("packages", {}).get("", {}).get("dependencies", {}))
    return not wanted <= locked


def test_seeded_config_dir_needs_no_install(tmp_path: Path) -> None:
    plugin = fake_plugin(tmp_path / "repo")
    home = ServerHome(tmp_path / "oc")
    home.prepare(plugin)
    assert not opencode_would_install(home.config_dir)
    link = home.config_dir / "node_modules" / PLUGIN_NAME
    assert link.is_symlink()
    assert link.resolve() == plugin.resolve()
    assert home.tmp.is_dir()
    assert home.workdir.is_dir()


def test_seeding_again_follows_a_moved_plugin(tmp_path: Path) -> None:
    home = ServerHome(tmp_path / "oc")
    home.prepare(fake_plugin(tmp_path / "old"))
    moved = fake_plugin(tmp_path / "new", version="1.18.34")
    home.prepare(moved)
    assert (home.config_dir / "node_modules" / PLUGIN_NAME).resolve() == moved.resolve()
    lock = json.loads((home.config_dir / "package-lock.json").read_text())
    assert lock["packages"][""]["dependencies"] == {PLUGIN_NAME: "1.18.34"}


def test_without_a_plugin_the_tree_is_still_made(tmp_path: Path) -> None:
    home = ServerHome(tmp_path / "oc")
    home.prepare(None)
    assert home.config_dir.is_dir()
    assert opencode_would_install(home.config_dir)
