"""Which of the three callers a chat request comes from."""

from __future__ import annotations

from enum import StrEnum

from standins.llm.chat import ChatRequest

# OpenCode names sessions with a separate, tool-less call whose system prompt begins
# "You are a title generator"; matching the phrase keeps working if the rest is reworded.
TITLE_MARKER = "title generator"


class RequestKind(StrEnum):
    """Who is asking: OpenCode's title generator, our analyst, or OpenCode's agent loop."""

    TITLE = "title"
    ANALYST = "analyst"
    AGENT = "agent"


def classify(request: ChatRequest) -> RequestKind:
    """Tell the caller apart by whether tools are offered and by the system prompt."""
    if request.tools:
        return RequestKind.AGENT
    if TITLE_MARKER in request.texts("system", "developer").lower():
        return RequestKind.TITLE
    return RequestKind.ANALYST
