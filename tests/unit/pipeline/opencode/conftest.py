"""Recorded OpenCode answers (opencode 1.18.33, memory-leak script) and settings for tests."""

from __future__ import annotations

from pathlib import Path

from pydantic import TypeAdapter

from config.llm import LLMSettings
from pipeline.opencode.wire import Message

DATA = Path(__file__).parent / "data"
# The clone path the recordings were rewritten to.
RECORDED_DIRECTORY = "/srv/clones/shop-api"


def recorded_messages() -> list[Message]:
    """``GET /session/{id}/message`` after the memory-leak script ran to the end."""
    text = (DATA / "messages_memory_leak.json").read_text()
    return TypeAdapter(list[Message]).validate_json(text)


def recorded_events() -> str:
    """The raw ``GET /event?directory=`` stream of that run, up to ``session.idle``."""
    return (DATA / "events_memory_leak.sse").read_text()


def llm_settings(**values: str) -> LLMSettings:
    """LLM settings from environment-style names, without reading the real environment."""
    return LLMSettings.model_validate(values)
