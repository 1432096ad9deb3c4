"""``/runs`` and ``/runs/{id}``: incidents, their evidence and step timelines, and retry."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import parse_qs

from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from pipeline import timeline
from pipeline.incidents.model import Incident
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from pipeline.jobs.names import RETRY_INCIDENT
from receiver.answers import rejected
from receiver.body import BodyError, read_capped
from receiver.dashboard.auth import REALM, authorised, csrf_ok, csrf_token
from receiver.queue import QueueUnavailable, enqueue
from receiver.state import state_of

Endpoint = Callable[[Request], Awaitable[Response]]
_NOTICES = {"retry-queued": "Retry queued: the run resumes from the step that failed."}


class Dashboard:
    """The pages, behind the dashboard token."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

    def routes(self) -> list[Route]:
        """The routes to mount."""
        return [
            Route("/runs", self.guard(self.list_runs), methods=["GET"]),
            Route("/runs/{incident_id}", self.guard(self.show_run), methods=["GET"]),
            Route("/runs/{incident_id}/retry", self.guard(self.retry), methods=["POST"]),
        ]

    def guard(self, handler: Endpoint) -> Endpoint:
        """Ask for the token (Basic auth) before ``handler`` runs."""

        async def checked(request: Request) -> Response:
            if not authorised(request, self.token):
                return Response(
                    "autofix: dashboard token required\n", 401, {"WWW-Authenticate": REALM}
                )
            try:
                return await handler(request)
            except RedisError:
                return rejected(503, "Redis is unavailable")
            except BodyError as exc:
                return rejected(exc.status_code, exc.reason)

        return checked

    async def list_runs(self, request: Request) -> Response:
        """Incidents newest first, filtered by ``state`` and ``service``."""
        store = IncidentStore(state_of(request).redis, cooldown_seconds=0)
        wanted = request.query_params.get("state") or None
        service = request.query_params.get("service") or None
        state = next((s for s in State if s.value == wanted), None)
        incidents = await store.list(state=state, service=service, limit=200)
        context = {
            "incidents": incidents,
            "states": [s.value for s in State],
            "state": wanted,
            "service": service,
        }
        return self.templates.TemplateResponse(request, "runs.html.jinja2", context)

    async def show_run(self, request: Request) -> Response:
        """One incident: evidence, analysis, PR, timelines of every attempt, history."""
        store = IncidentStore(state_of(request).redis, cooldown_seconds=0)
        incident = await store.find(request.path_params["incident_id"])
        if incident is None:
            return HTMLResponse("<h1>No such incident</h1>", status_code=404)
        timelines = []
        for attempt in range(1, incident.attempt + 1):
            events = await timeline.read(state_of(request).redis, f"{incident.id}.{attempt}")
            timelines.append((attempt, timeline.fold(events)))
        context = {
            "incident": incident,
            "timelines": timelines,
            "can_retry": incident.state == State.FAILED,
            "csrf": csrf_token(self.token, incident.id, len(incident.history)),
            "notice": _NOTICES.get(request.query_params.get("notice", "")),
        }
        return self.templates.TemplateResponse(request, "run.html.jinja2", context)

    async def retry(self, request: Request) -> Response:
        """Queue a retry of a failed incident's run (POST, CSRF-checked)."""
        state = state_of(request)
        incident = await IncidentStore(state.redis, cooldown_seconds=0).find(
            request.path_params["incident_id"]
        )
        if incident is None:
            return rejected(404, "no such incident")
        # One urlencoded field: parsed here rather than pulling in python-multipart.
        form = parse_qs((await read_capped(request, 4096)).decode(errors="replace"))
        given = (form.get("csrf") or [""])[0]
        if not csrf_ok(self.token, incident.id, len(incident.history), given):
            return rejected(403, "stale or forged form; reload the page and try again")
        if incident.state != State.FAILED:
            return rejected(409, f"only a failed run can be retried; this one is {incident.state}")
        try:
            await enqueue(state.redis, RETRY_INCIDENT, incident.id, job_id=_retry_job_id(incident))
        except QueueUnavailable as exc:
            return rejected(503, str(exc))
        return RedirectResponse(f"/runs/{incident.id}?notice=retry-queued", status_code=303)


def _retry_job_id(incident: Incident) -> str:
    # One retry per failure: a double click or a replayed form cannot queue a second one.
    return f"retry:{incident.id}:{len(incident.history)}"
