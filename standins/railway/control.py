"""``/_control``: how tests and ``autofix demo`` look inside the stand-in and steer it.

GET    /_control/requests   requests seen (operation, variables, auth, status, errors)
DELETE /_control/requests   forget them
GET    /_control/faults     faults still armed
POST   /_control/faults     arm a fault (``Fault`` as JSON)
DELETE /_control/faults     disarm all
POST   /_control/deploy     add a deployment that makes a service healthy or not from now
GET    /_control/scenario   the scenario's name, anchor, expected verdict and webhook
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from standins.railway import entities
from standins.railway.faults import Fault
from standins.railway.scenario import Behaviour, Commit
from standins.railway.state import StandinState
from standins.railway.timestamps import iso_millis


class DeployRequest(BaseModel):
    """Body of ``POST /_control/deploy``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    service_id: str = Field(alias="serviceId")
    commit_hash: str = Field(alias="commitHash")
    healthy: bool
    commit_message: str = Field("fix: apply autofix patch", alias="commitMessage")
    branch: str = "main"
    author: str = "autofix[bot]"
    status: str | None = None


def _state(request: Request) -> StandinState:
    state: StandinState = request.app.state.railway
    return state


async def _requests(request: Request) -> Response:
    state = _state(request)
    if request.method == "DELETE":
        state.requests.clear()
        return Response(status_code=204)
    return JSONResponse([r.model_dump() for r in state.requests])


async def _faults(request: Request) -> Response:
    state = _state(request)
    if request.method == "DELETE":
        state.faults.clear()
        return Response(status_code=204)
    if request.method == "POST":
        try:
            state.faults.add(Fault.model_validate(await request.json()))
        except (ValueError, ValidationError) as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
    return JSONResponse([f.model_dump() for f in state.faults.pending()])


async def _deploy(request: Request) -> Response:
    state = _state(request)
    try:
        body = DeployRequest.model_validate(await request.json())
    except (ValueError, ValidationError) as exc:
        return JSONResponse({"error": str(exc)}, status_code=422)
    commit = Commit(
        hash=body.commit_hash, message=body.commit_message, branch=body.branch, author=body.author
    )
    behaviour: Behaviour = "healthy" if body.healthy else "incident"
    try:
        deployment = state.world.deploy(body.service_id, commit, behaviour, body.status)
    except KeyError:
        return JSONResponse({"error": f"unknown service {body.service_id}"}, status_code=404)
    return JSONResponse(entities.deployment(state.world, deployment), status_code=201)


async def _scenario(request: Request) -> Response:
    world = _state(request).world
    summary: dict[str, Any] = {
        "name": world.scenario.name,
        "anchor": iso_millis(world.anchor),
        "projectId": world.scenario.project.id,
        "environmentId": world.scenario.environment.id,
        "expected": world.scenario.expected.model_dump(),
        "alert": world.alert_payload(),
    }
    return JSONResponse(summary)


def control_routes() -> list[Route]:
    """The ``/_control`` routes; they read the app's ``StandinState``."""
    return [
        Route("/_control/requests", _requests, methods=["GET", "DELETE"]),
        Route("/_control/faults", _faults, methods=["GET", "POST", "DELETE"]),
        Route("/_control/deploy", _deploy, methods=["POST"]),
        Route("/_control/scenario", _scenario, methods=["GET"]),
    ]
