"""The part of an OpenAI chat-completions request the stand-in reads.

Unknown fields are kept (``extra="allow"``) because the whole request is recorded for tests,
and clients send many options the stand-in has no use for.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

Role = Literal["system", "developer", "user", "assistant", "tool"]


class ChatMessage(BaseModel):
    """One message of the conversation; ``content`` is a string or a list of typed parts."""

    model_config = ConfigDict(extra="allow")

    role: Role
    content: str | list[dict[str, Any]] | None = None
    tool_call_id: str | None = None

    @property
    def text(self) -> str:
        """The message's text, with list parts joined."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "\n".join(str(part.get("text", "")) for part in self.content)


class StreamOptions(BaseModel):
    """``stream_options``: whether the client wants a final usage chunk."""

    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class ResponseFormat(BaseModel):
    """``response_format``: plain text, any JSON object, or JSON matching a schema."""

    model_config = ConfigDict(extra="allow")

    type: Literal["text", "json_object", "json_schema"] = "text"
    json_schema: dict[str, JsonValue] | None = None


class ChatRequest(BaseModel):
    """A ``POST /v1/chat/completions`` body."""

    model_config = ConfigDict(extra="allow")

    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    tools: list[dict[str, Any]] | None = None
    stream: bool = False
    stream_options: StreamOptions | None = None
    response_format: ResponseFormat | None = None

    @property
    def wants_json(self) -> bool:
        """True when the client asked for a JSON answer."""
        return self.response_format is not None and self.response_format.type != "text"

    @property
    def wants_usage_chunk(self) -> bool:
        """True when a streamed answer must end with a usage-only chunk."""
        return self.stream_options is not None and self.stream_options.include_usage

    @property
    def tool_names(self) -> list[str]:
        """Names of the functions offered to the model."""
        return [str(tool.get("function", {}).get("name", "")) for tool in self.tools or []]

    def texts(self, *roles: Role) -> str:
        """The text of every message with one of ``roles``, joined."""
        return "\n".join(m.text for m in self.messages if m.role in roles)

    def last_user_text(self) -> str:
        """The text of the latest user message."""
        users = [m for m in self.messages if m.role == "user"]
        return users[-1].text if users else ""

    def tool_result_count(self) -> int:
        """How many tool results the conversation already holds."""
        return sum(1 for m in self.messages if m.role == "tool")
