"""A reply as one ``chat.completion`` object, the non-streaming answer."""

from __future__ import annotations

from typing import Any

from standins.llm.chat import ChatRequest
from standins.llm.reply import Reply


def completion_body(
    reply: Reply, request: ChatRequest, completion_id: str, created: int
) -> dict[str, Any]:
    """The JSON body OpenAI returns for a non-streaming request."""
    message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in reply.tool_calls
        ]
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": request.model,
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": reply.usage(request).model_dump(),
    }
