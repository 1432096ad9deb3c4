"""``/_control``: what a test in another process uses to read requests and inject faults.

GET    /_control/requests   every chat request so far (``?kind=agent`` to filter)
DELETE /_control/requests   forget them
POST   /_control/faults     queue a ``Fault`` (JSON body)
DELETE /_control/faults     drop pending faults
POST   /_control/release    let hanging requests go on
PUT    /_control/script     answer from another script: ``{"name": ...}`` or a whole script
"""

from __future__ import annotations

import json

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from standins.llm.faults import Fault
from standins.llm.kinds import RequestKind
from standins.llm.script import Script, load_script
from standins.llm.standin import LLMStandin


def control_routes(standin: LLMStandin) -> list[Route]:
    """The control routes bound to ``standin``."""
    control = _Control(standin)
    return [
        Route("/_control/requests", control.list_requests, methods=["GET"]),
        Route("/_control/requests", control.clear_requests, methods=["DELETE"]),
        Route("/_control/faults", control.add_fault, methods=["POST"]),
        Route("/_control/faults", control.clear_faults, methods=["DELETE"]),
        Route("/_control/release", control.release, methods=["POST"]),
        Route("/_control/script", control.put_script, methods=["PUT"]),
    ]


class _Control:
    def __init__(self, standin: LLMStandin) -> None:
        self.standin = standin

    async def list_requests(self, request: Request) -> Response:
        kind = request.query_params.get("kind")
        try:
            records = self.standin.requests_of(RequestKind(kind)) if kind else self.standin.requests
        except ValueError:
            return JSONResponse({"error": f"unknown kind {kind!r}"}, status_code=400)
        return JSONResponse([r.model_dump(mode="json") for r in records])

    async def clear_requests(self, _: Request) -> Response:
        self.standin.recorder.clear()
        return Response(status_code=204)

    async def add_fault(self, request: Request) -> Response:
        try:
            fault = Fault.model_validate_json(await request.body())
        except ValidationError as exc:
            return JSONResponse({"error": exc.errors(include_url=False)}, status_code=400)
        self.standin.add_fault(fault)
        return Response(status_code=204)

    async def clear_faults(self, _: Request) -> Response:
        self.standin.faults.clear()
        return Response(status_code=204)

    async def release(self, _: Request) -> Response:
        self.standin.release()
        return Response(status_code=204)

    async def put_script(self, request: Request) -> Response:
        try:
            script = _script_from(await request.body())
        except (ValidationError, ValueError, OSError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        self.standin.use_script(script)
        return JSONResponse({"name": script.name})


def _script_from(body: bytes) -> Script:
    document = json.loads(body)
    if isinstance(document, dict) and set(document) == {"name"}:
        return load_script(str(document["name"]))
    return Script.model_validate(document)
