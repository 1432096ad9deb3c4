"""OpenCode's JSON, as far as autofix reads it (opencode 1.18.33, ``GET /doc``).

Models ignore fields they do not name, so a newer server that adds fields still parses.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue


class Wire(BaseModel):
    """Base of OpenCode's shapes: extra fields are ignored, values are read-only."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Health(Wire):
    """``GET /global/health``."""

    healthy: bool
    version: str


class Session(Wire):
    """A session; it stays bound to the directory it was created in."""

    id: str
    directory: str
    title: str = ""
    project_id: str | None = Field(None, alias="projectID")


class SessionStatus(Wire):
    """``idle``, ``busy``, or ``retry`` (with the upstream error) for one session."""

    type: Literal["idle", "busy", "retry"]
    attempt: int | None = None
    message: str | None = None


class MessageError(Wire):
    """An error recorded on an assistant message (``APIError``, ``MessageAbortedError``...)."""

    name: str
    data: dict[str, JsonValue] = Field(default_factory=dict)

    @property
    def message(self) -> str:
        """The human-readable part."""
        return str(self.data.get("message", self.name))


class Tokens(Wire):
    """Token counts of one assistant message."""

    input: int = 0
    output: int = 0
    reasoning: int = 0


class MessageInfo(Wire):
    """A message's header: who wrote it, how it ended, what it cost."""

    id: str
    role: Literal["user", "assistant"]
    finish: str | None = None
    error: MessageError | None = None
    tokens: Tokens = Field(default_factory=Tokens)
    cost: float = 0.0

    @property
    def settled(self) -> bool:
        """True once the message has ended, normally or with an error."""
        return self.finish is not None or self.error is not None


class ToolState(Wire):
    """Where one tool call stands; ``output`` once completed, ``error`` once failed."""

    status: Literal["pending", "running", "completed", "error"]
    input: dict[str, JsonValue] = Field(default_factory=dict)
    output: str | None = None
    error: str | None = None
    title: str | None = None


class Part(Wire):
    """One part of a message; which fields are set depends on ``type``."""

    type: str
    text: str | None = None
    synthetic: bool = False
    tool: str | None = None
    call_id: str | None = Field(None, alias="callID")
    state: ToolState | None = None
    files: list[str] = Field(default_factory=list)


class Message(Wire):
    """``GET /session/{id}/message`` returns a list of these."""

    info: MessageInfo
    parts: list[Part] = Field(default_factory=list)


class Event(Wire):
    """One frame of ``GET /event``: ``{"type": ..., "properties": {...}}``."""

    type: str
    properties: dict[str, JsonValue] = Field(default_factory=dict)

    @property
    def session_id(self) -> str | None:
        """The session the event is about, if any."""
        value = self.properties.get("sessionID")
        return value if isinstance(value, str) else None

    def error_of(self, session_id: str) -> MessageError | None:
        """The error a ``session.error`` event reports for ``session_id``, if it is one."""
        error = self.properties.get("error")
        if self.type != "session.error" or self.session_id != session_id or error is None:
            return None
        return MessageError.model_validate(error)

    def ends(self, session_id: str) -> bool:
        """True when this event says ``session_id`` went idle."""
        if self.session_id != session_id:
            return False
        if self.type == "session.idle":
            return True
        status = self.properties.get("status")
        return (
            self.type == "session.status"
            and isinstance(status, dict)
            and (status.get("type") == "idle")
        )
