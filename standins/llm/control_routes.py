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

    async def list_requests(request: Request) -> Response:
        kind = request.query_params.get("kind")
        try:
            records = standin.requests_of(RequestKind(kind)) if kind else standin.requests
        except ValueError:
            return JSONResponse({"error": f"unknown kind {kind!r}"}, status_code=400)
        return JSONResponse([r.model_dump(mode="json") for r in records])

    async def clear_requests(_: Request) -> Response:
        standin.recorder.clear()
        return Response(status_code=204)

    async def add_fault(request: Request) -> Response:
        try:
            fault = Fault.model_validate_json(await request.body())
        except ValidationError as exc:
            return JSONResponse({"error": exc.errors(include_url=False)}, status_code=400)
        standin.add_fault(fault)
        return Response(status_code=204)

    async def clear_faults(_: Request) -> Response:
        standin.faults.clear()
        return Response(status_code=204)

    async def release(_: Request) -> Response:
        standin.release()
        return Response(status_code=204)

    async def put_script(request: Request) -> Response:
        try:
            script = _script_from(await request.body())
        except (ValidationError, ValueError, OSError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        standin.use_script(script)
        return JSONResponse({"name": script.name})

    return [
        Route("/_control/requests", list_requests, methods=["GET"]),
        Route("/_control/requests", clear_requests, methods=["DELETE"]),
        Route("/_control/faults", add_fault, methods=["POST"]),
        Route("/_control/faults", clear_faults, methods=["DELETE"]),
        Route("/_control/release", release, methods=["POST"]),
        Route("/_control/script", put_script, methods=["PUT"]),
    ]


def _script_from(body: bytes) -> Script:
    document = json.loads(body)
    if isinstance(document, dict) and set(document) == {"name"}:
        return load_script(str(document["name"]))
    return Script.model_validate(document)
