"""A reply as server-sent ``chat.completion.chunk`` events, the way real servers stream.

Text arrives in small pieces; each tool call first arrives with its id and name and empty
arguments, then its arguments in fragments, as OpenAI and vLLM send them. Clients that only
work when a call arrives whole are caught this way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from standins.llm.chat import ChatRequest
from standins.llm.reply import Reply

DONE = "data: [DONE]\n\n"

TEXT_PIECE_CHARS = 12
ARGUMENT_PIECES = 3


def sse(payload: dict[str, Any]) -> str:
    """One server-sent event carrying ``payload`` as JSON."""
    return f"data: {json.dumps(payload)}\n\n"


def stream_events(
    reply: Reply, request: ChatRequest, completion_id: str, created: int
) -> Iterator[str]:
    """Every event of a streamed answer, ``[DONE]`` included."""

    def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return sse(_envelope(completion_id, created, request.model, [choice]))

    yield chunk({"role": "assistant", "content": ""})
    for piece in _pieces(reply.text, TEXT_PIECE_CHARS):
        yield chunk({"content": piece})
    for index, call in enumerate(reply.tool_calls):
        head = {"index": index, "id": call.id, "type": "function"}
        yield chunk({"tool_calls": [{**head, "function": {"name": call.name, "arguments": ""}}]})
        size = max(1, -(-len(call.arguments) // ARGUMENT_PIECES))
        for piece in _pieces(call.arguments, size):
            yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    yield chunk({}, reply.finish_reason)
    if request.wants_usage_chunk:
        usage = _envelope(completion_id, created, request.model, [])
        usage["usage"] = reply.usage(request).model_dump()
        yield sse(usage)
    yield DONE


def _envelope(
    completion_id: str, created: int, model: str, choices: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": choices,
    }


def _pieces(text: str, size: int) -> Iterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]
