"""What the stand-in answers, before it is shaped into a response body or a stream."""

from __future__ import annotations

import json
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict

from standins.llm.chat import ChatRequest

# Real tokenisers average about four characters of English or code per token.
CHARS_PER_TOKEN = 4


class ToolCall(BaseModel):
    """A function call the model asks for; ``arguments`` is the JSON text, as OpenAI sends it."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    arguments: str


class Usage(BaseModel):
    """Token counts in OpenAI's ``usage`` shape."""

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class Reply(BaseModel):
    """An assistant turn: text, tool calls, or both."""

    model_config = ConfigDict(frozen=True)

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()

    @property
    def finish_reason(self) -> Literal["stop", "tool_calls"]:
        """``tool_calls`` when the model waits for tool results, else ``stop``."""
        return "tool_calls" if self.tool_calls else "stop"

    def usage(self, request: ChatRequest) -> Usage:
        """Plausible, deterministic token counts for this request and reply."""
        prompt = json.dumps([m.model_dump(mode="json") for m in request.messages])
        completion = self.text + "".join(c.name + c.arguments for c in self.tool_calls)
        prompt_tokens = _tokens(prompt) + _tokens(json.dumps(request.tools or []))
        completion_tokens = _tokens(completion)
        return Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        )


def _tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)
