"""Deciding how to start OpenCode, or that an external server is used instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from config.opencode import OpenCodeSettings
from pipeline.errors import ConfigurationError
from pipeline.opencode import opencode_endpoint, plan_launch
from pipeline.opencode.binaries import OPENCODE_LINK, PLUGIN_PACKAGE
from tests.unit.pipeline.opencode.conftest import llm_settings

LLM = llm_settings(OPENAI_API_KEY="sk-x", AUTOFIX_LLM_MODEL="fake-model")


def npm_installed(root: Path) -> Path:
    binary = root / OPENCODE_LINK
    binary.parent.mkdir(parents=True)
    binary.write_text("#!/bin/sh\n")
    plugin = root / PLUGIN_PACKAGE
    plugin.mkdir(parents=True)
    (plugin / "package.json").write_text(json.dumps({"version": "1.18.33"}))
    return root


def test_launch_from_settings(tmp_path: Path) -> None:
    root = npm_installed(tmp_path / "repo")
    settings = OpenCodeSettings.model_validate({"AUTOFIX_OPENCODE_STARTUP_SECONDS": "7"})
    launch = plan_launch(settings, LLM, tmp_path / "data", root=root)
    assert launch.binary == root / OPENCODE_LINK
    assert launch.plugin == root / PLUGIN_PACKAGE
    assert launch.home.root == tmp_path / "data"
    assert launch.startup_seconds == 7
    assert not launch.trust_repo_config
    assert json.loads(launch.config_json)["model"] == "autofix/fake-model"


def test_a_password_is_made_up_when_none_is_configured(tmp_path: Path) -> None:
    root = npm_installed(tmp_path / "repo")
    first = plan_launch(OpenCodeSettings.model_validate({}), LLM, tmp_path, root=root)
    second = plan_launch(OpenCodeSettings.model_validate({}), LLM, tmp_path, root=root)
    assert len(first.password.get_secret_value()) >= 24
    assert first.password != second.password
    configured = OpenCodeSettings.model_validate({"OPENCODE_SERVER_PASSWORD": "s3cret"})
    assert plan_launch(configured, LLM, tmp_path, root=root).password == SecretStr("s3cret")


def test_missing_binary_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="npm ci"):
        plan_launch(OpenCodeSettings.model_validate({}), LLM, tmp_path, root=tmp_path)


async def test_external_server_is_used_as_given(tmp_path: Path) -> None:
    # Neither the binary nor an LLM key exists: starting a server would fail.
    settings = OpenCodeSettings.model_validate(
        {
            "OPENCODE_URL": "http://opencode.internal:4096",
            "OPENCODE_SERVER_PASSWORD": "pw",
            "OPENCODE_BIN": str(tmp_path / "missing"),
        }
    )
    async with opencode_endpoint(settings, llm_settings(), tmp_path) as endpoint:
        assert endpoint.base_url == "http://opencode.internal:4096"
        assert endpoint.password == SecretStr("pw")
