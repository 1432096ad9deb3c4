"""The configuration OpenCode runs with: our provider only, nothing left at "ask"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import ConfigurationError
from pipeline.opencode.config_document import PROVIDER_ID, config_content, opencode_config
from tests.unit.pipeline.opencode.conftest import llm_settings


def test_provider_model_and_switches() -> None:
    llm = llm_settings(
        AUTOFIX_LLM_BASE_URL="http://127.0.0.1:9/v1",
        OPENAI_API_KEY="sk-openai",
        AUTOFIX_LLM_MODEL="fake-model",
    )
    config: Any = opencode_config(llm)
    assert config["model"] == config["small_model"] == f"{PROVIDER_ID}/fake-model"
    assert config["enabled_providers"] == [PROVIDER_ID]
    assert config["autoupdate"] is False
    assert config["share"] == "disabled"
    provider = config["provider"][PROVIDER_ID]
    assert provider["npm"] == "@ai-sdk/openai-compatible"
    assert provider["options"] == {"baseURL": "http://127.0.0.1:9/v1", "apiKey": "sk-openai"}
    model = provider["models"]["fake-model"]
    assert model["tool_call"] is True
    assert model["limit"] == {"context": 128_000, "output": 8_192}


def test_autofix_key_and_agent_model_win() -> None:
    llm = llm_settings(
        OPENAI_API_KEY="sk-openai",
        AUTOFIX_LLM_API_KEY="sk-autofix",
        AUTOFIX_LLM_MODEL="gpt-4.1",
        AUTOFIX_AGENT_MODEL="agent-model",
    )
    config: Any = opencode_config(llm)
    provider = config["provider"][PROVIDER_ID]
    assert provider["options"]["apiKey"] == "sk-autofix"
    assert list(provider["models"]) == ["agent-model"]
    assert config["model"] == f"{PROVIDER_ID}/agent-model"


def test_a_key_is_required() -> None:
    with pytest.raises(ConfigurationError, match="OPENAI_API_KEY"):
        opencode_config(llm_settings())


def test_permissions_never_ask(tmp_path: Path) -> None:
    config: Any = opencode_config(llm_settings(OPENAI_API_KEY="k"), scratch=tmp_path / "s")
    rules = config["permission"]
    nested = [rule.values() if isinstance(rule, dict) else [rule] for rule in rules.values()]
    actions = [action for group in nested for action in group]
    assert "ask" not in actions
    assert rules["edit"] == rules["bash"] == "allow"
    for denied in ("webfetch", "question", "doom_loop"):
        assert rules[denied] == "deny"
    assert rules["external_directory"] == {"*": "deny", f"{tmp_path / 's'}/*": "allow"}
    # OpenCode applies the last matching rule, so the exception must follow the ban.
    assert list(rules["read"]) == ["*", "*.env", "*.env.*", "*.env.example"]


def test_content_is_the_same_document_as_json() -> None:
    llm = llm_settings(OPENAI_API_KEY="k")
    assert json.loads(config_content(llm)) == opencode_config(llm)
