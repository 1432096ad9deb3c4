"""What an agent session did, read back from its messages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from pipeline.opencode.wire import Message, MessageError, Part

# Tool output can be a whole file or a long build log; the summary keeps the start, which
# says what happened, and leaves the rest to the session itself.
OUTPUT_SUMMARY_CHARS = 2_000


class ToolCall(BaseModel):
    """One tool call the agent made, with a summary of what came back."""

    model_config = ConfigDict(frozen=True)

    name: str
    call_id: str
    status: str
    input: dict[str, JsonValue]
    output: str = ""
    error: str | None = None


class AgentRun(BaseModel):
    """The outcome of one prompt: the agent's last words, its tool calls, files it changed."""

    model_config = ConfigDict(frozen=True)

    session_id: str
    directory: str
    final_text: str
    finish: str | None
    tool_calls: list[ToolCall] = Field(default_factory=list)
    files_changed: list[str] = Field(default_factory=list)
    error: MessageError | None = None
    tokens_input: int = 0
    tokens_output: int = 0
    cost: float = 0.0
    duration_seconds: float = 0.0


def summarise(
    session_id: str, directory: str, messages: list[Message], duration_seconds: float
) -> AgentRun:
    """Condense a session's messages into an ``AgentRun``."""
    replies = [m for m in messages if m.info.role == "assistant"]
    last = replies[-1] if replies else None
    parts = [part for reply in replies for part in reply.parts]
    return AgentRun(
        session_id=session_id,
        directory=directory,
        final_text=_text(last.parts) if last else "",
        finish=last.info.finish if last else None,
        tool_calls=[_tool_call(p) for p in parts if p.type == "tool"],
        files_changed=sorted({f for p in parts if p.type == "patch" for f in p.files}),
        error=last.info.error if last else None,
        tokens_input=sum(r.info.tokens.input for r in replies),
        tokens_output=sum(r.info.tokens.output for r in replies),
        cost=sum(r.info.cost for r in replies),
        duration_seconds=duration_seconds,
    )


def _text(parts: list[Part]) -> str:
    return "\n".join(p.text for p in parts if p.type == "text" and p.text and not p.synthetic)


def _tool_call(part: Part) -> ToolCall:
    state = part.state
    output = (state.output or "") if state else ""
    return ToolCall(
        name=part.tool or "?",
        call_id=part.call_id or "",
        status=state.status if state else "pending",
        input=state.input if state else {},
        output=output[:OUTPUT_SUMMARY_CHARS],
        error=state.error if state else None,
    )
