"""The stand-in's HTTP face: OpenAI's chat-completions and models routes, plus ``/_control``."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from standins.llm.chat import ChatRequest
from standins.llm.completion import completion_body
from standins.llm.control_routes import control_routes
from standins.llm.standin import Admission, LLMStandin
from standins.llm.streaming import DONE, stream_events

NOT_JSON = "<html><body>502 Bad Gateway: upstream garbage</body></html>"
INVALID_REQUEST = "invalid_request_error"
# nginx's code for "client closed the request": nobody reads it, but logs stay honest.
CLIENT_GONE = 499


def build_app(standin: LLMStandin) -> Starlette:
    """A Starlette app serving ``standin``."""

    async def chat_completions(request: Request) -> Response:
        if not _authorised(standin, request):
            return openai_error(401, "Incorrect API key provided.", INVALID_REQUEST)
        try:
            chat = ChatRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            return openai_error(400, f"Invalid request: {exc.errors()[:3]}", INVALID_REQUEST)
        admission = standin.admit(chat, request.headers)
        fault = admission.fault
        kind = fault.kind if fault else None
        if kind == "hang" and not await standin.faults.hang(request.is_disconnected):
            return Response(status_code=CLIENT_GONE)
        if fault is not None and kind == "error":
            return injected_error(fault.status)
        return _answer(admission, chat, garbage=kind == "not_json")

    async def models(_: Request) -> Response:
        data = [
            {"id": model, "object": "model", "created": 0, "owned_by": "llm-standin"}
            for model in standin.models
        ]
        return JSONResponse({"object": "list", "data": data})

    routes = [
        Route("/v1/chat/completions", chat_completions, methods=["POST"]),
        Route("/v1/models", models, methods=["GET"]),
        *control_routes(standin),
    ]
    return Starlette(routes=routes)


def openai_error(status: int, message: str, kind: str) -> JSONResponse:
    """An error in OpenAI's ``{"error": {...}}`` shape."""
    body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
    return JSONResponse(body, status_code=status)


def injected_error(status: int) -> JSONResponse:
    """An injected failure, typed the way OpenAI types that status (clients retry by type)."""
    if status == 429:
        body = {"message": "Rate limit reached.", "type": "requests", "code": "rate_limit_exceeded"}
        return JSONResponse({"error": {**body, "param": None}}, status_code=status)
    kind = "server_error" if status >= 500 else INVALID_REQUEST
    return openai_error(status, f"Injected failure ({status}).", kind)


def _authorised(standin: LLMStandin, request: Request) -> bool:
    if standin.api_key is None:
        return True
    return request.headers.get("authorization") == f"Bearer {standin.api_key}"


def _answer(admission: Admission, chat: ChatRequest, *, garbage: bool) -> Response:
    if not chat.stream:
        if garbage:
            # Claims JSON, like a misbehaving proxy, so clients cannot skip it by content type.
            return Response(NOT_JSON, media_type="application/json")
        body = completion_body(admission.reply, chat, admission.completion_id, admission.created)
        return JSONResponse(body)
    events: Iterator[str] = (
        iter([f"data: {NOT_JSON}\n\n", DONE])
        if garbage
        else stream_events(admission.reply, chat, admission.completion_id, admission.created)
    )
    return StreamingResponse(events, media_type="text/event-stream")
