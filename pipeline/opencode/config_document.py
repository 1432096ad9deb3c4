"""The OpenCode configuration autofix runs with, passed as ``OPENCODE_CONFIG_CONTENT``.

One provider (our LLM endpoint through the bundled ``@ai-sdk/openai-compatible``), nothing
else enabled, no sharing, no updates, and permissions for unattended work: any rule left at
"ask" would stop the agent until someone answers, so each one is either allowed or denied.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import JsonValue

from config.llm import LLMSettings
from pipeline.errors import ConfigurationError

PROVIDER_ID = "autofix"

# Later rules win. Secrets in .env files stay out of the model's context; examples are fine.
READ_RULES: dict[str, JsonValue] = {
    "*": "allow",
    "*.env": "deny",
    "*.env.*": "deny",
    "*.env.example": "allow",
}

PERMISSIONS: dict[str, JsonValue] = {
    "read": READ_RULES,
    "edit": "allow",
    "bash": "allow",
    "webfetch": "deny",
    "websearch": "deny",
    "question": "deny",
    "doom_loop": "deny",
    "external_directory": "deny",
}


def permissions(scratch: Path | None) -> dict[str, JsonValue]:
    """``PERMISSIONS``, keeping the scratch dir OpenCode tells the agent to use writable."""
    if scratch is None:
        return PERMISSIONS
    outside: dict[str, JsonValue] = {"*": "deny", f"{scratch}/*": "allow"}
    return {**PERMISSIONS, "external_directory": outside}


def opencode_config(llm: LLMSettings, scratch: Path | None = None) -> dict[str, JsonValue]:
    """The configuration document for ``llm``'s endpoint and agent model."""
    key = llm.llm_key()
    if key is None:
        raise ConfigurationError(
            "the agent needs an LLM key: set AUTOFIX_LLM_API_KEY or OPENAI_API_KEY"
        )
    model = f"{PROVIDER_ID}/{llm.agent_model_id()}"
    return {
        "$schema": "https://opencode.ai/config.json",
        "model": model,
        "small_model": model,
        "enabled_providers": [PROVIDER_ID],
        "autoupdate": False,
        "share": "disabled",
        "provider": {PROVIDER_ID: _provider(llm, key.get_secret_value())},
        "permission": permissions(scratch),
    }


def _provider(llm: LLMSettings, key: str) -> dict[str, JsonValue]:
    limit: dict[str, JsonValue] = {
        "context": llm.agent_context_tokens,
        "output": llm.agent_output_tokens,
    }
    model = llm.agent_model_id()
    return {
        "npm": "@ai-sdk/openai-compatible",
        "name": "autofix LLM",
        "options": {"baseURL": llm.llm_base_url, "apiKey": key},
        "models": {model: {"name": model, "tool_call": True, "limit": limit}},
    }


def config_content(llm: LLMSettings, scratch: Path | None = None) -> str:
    """``opencode_config`` as the JSON text OpenCode reads from its environment."""
    return json.dumps(opencode_config(llm, scratch), separators=(",", ":"))
