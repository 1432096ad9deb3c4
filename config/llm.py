"""Settings of the LLM: the OpenAI-compatible endpoint, its key, and the models autofix uses.

The analyst talks to the endpoint directly; the OpenCode agent reaches the same endpoint
through OpenCode's bundled ``@ai-sdk/openai-compatible`` provider.

The agent's model id changes what OpenCode offers the model (checked in opencode 1.18.33):
an id containing ``gpt-`` (but not ``gpt-4`` or ``oss``), such as ``gpt-5`` or ``gpt-5-mini``,
gets the ``apply_patch`` tool *instead of* ``edit``/``write``; ids containing ``gpt-4``,
``o1``, ``o3``, ``gpt``, ``gemini-`` or ``claude`` each get their own system prompt. Any of
these works against the real model; a scripted stand-in must use a neutral id (``fake-model``)
or script ``apply_patch`` calls.
"""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class LLMSettings(BaseSettings):
    """Where the model is, how to authenticate, which model ids to ask for."""

    model_config = SettingsConfigDict(extra="ignore")

    llm_base_url: str = Field(
        "https://api.openai.com/v1",
        pattern=r"^https?://",
        validation_alias="AUTOFIX_LLM_BASE_URL",
        description="Base URL of an OpenAI-compatible API, up to and including /v1.",
    )
    llm_api_key: SecretStr | None = Field(
        None,
        validation_alias="AUTOFIX_LLM_API_KEY",
        description="API key for AUTOFIX_LLM_BASE_URL; takes precedence over OPENAI_API_KEY.",
    )
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias="OPENAI_API_KEY",
        description="API key used when AUTOFIX_LLM_API_KEY is not set.",
    )
    llm_model: str = Field(
        "gpt-4.1",
        min_length=1,
        validation_alias="AUTOFIX_LLM_MODEL",
        description="Model id of the analyst, and of the agent unless AUTOFIX_AGENT_MODEL is set.",
    )
    agent_model: str | None = Field(
        None,
        min_length=1,
        validation_alias="AUTOFIX_AGENT_MODEL",
        description="Model id of the OpenCode agent; its name changes its tools (config/llm.py).",
    )
    agent_context_tokens: int = Field(
        128_000,
        ge=4_096,
        validation_alias="AUTOFIX_AGENT_CONTEXT_TOKENS",
        description="The agent model's context window, so OpenCode compacts in time.",
    )
    agent_output_tokens: int = Field(
        8_192,
        ge=256,
        validation_alias="AUTOFIX_AGENT_OUTPUT_TOKENS",
        description="Largest answer the agent model may write in one turn (its max_tokens).",
    )

    def llm_key(self) -> SecretStr | None:
        """The API key in use: AUTOFIX_LLM_API_KEY, else OPENAI_API_KEY."""
        return self.llm_api_key or self.openai_api_key

    def agent_model_id(self) -> str:
        """The model id the agent runs on."""
        return self.agent_model or self.llm_model
