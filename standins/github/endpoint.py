"""How one REST operation is served: faults, authentication, the lock, logging, rate headers.

Operations are plain functions ``(Call) -> Reply`` run in a worker thread under the world's
lock, so they can call git and stay simple; this module turns them into Starlette endpoints.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL, QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from standins.github.api_errors import ApiError, not_found
from standins.github.records import ExchangeRecord, RepoRecord, TokenRecord
from standins.github.shapes.apps import rate_limit_window
from standins.github.urls import API_PREFIX, Urls
from standins.github.world import World

Auth = Literal["token", "app", "none"]


@dataclass
class Call:
    """One request, as an operation sees it."""

    world: World
    urls: Urls
    url: URL
    caller: TokenRecord | None
    params: Mapping[str, str]
    query_params: QueryParams
    body: Any

    @property
    def login(self) -> str:
        """The caller's login; operations that need a user run only with ``auth="token"``."""
        return self.caller.login if self.caller is not None else ""

    def repo(self) -> RepoRecord:
        """The repository in the path, if the caller may see it; 404 otherwise."""
        repo = self.world.repo(self.params["owner"], self.params["repo"])
        if not self.world.visible(repo, self.caller):
            raise not_found()
        return repo

    def number(self, name: str) -> int:
        """An integer path parameter; GitHub answers 404 for anything else."""
        try:
            return int(self.params[name])
        except ValueError:
            raise not_found() from None

    def field(self, name: str) -> Any:
        """A field of the JSON body, or None."""
        return self.body.get(name) if isinstance(self.body, dict) else None

    def query(self, name: str) -> str | None:
        """A query parameter, or None."""
        return self.query_params.get(name)


@dataclass
class Reply:
    """What an operation answers: a status, a JSON body (None for no body), headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Operation = Callable[[Call], Reply]


def endpoint(
    operation: Operation, auth: Auth = "token"
) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint serving ``operation`` with GitHub's authentication rules."""

    async def serve(request: Request) -> Response:
        world: World = request.app.state.world
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        reply = await run_in_threadpool(_serve, world, request, operation, auth, body)
        headers = {**_rate_headers(len(world.exchanges)), **reply.headers}
        if reply.body is None:
            return Response(status_code=reply.status, headers=headers)
        return JSONResponse(reply.body, status_code=reply.status, headers=headers)

    return serve


def _serve(world: World, request: Request, operation: Operation, auth: Auth, body: Any) -> Reply:
    path = request.url.path.removeprefix(API_PREFIX)
    with world.lock:
        fault = world.faults.take(request.method, path)
        if fault is not None and not fault.after_effect:
            reply = _fault_reply(fault.status, fault.message, fault.headers)
            caller = None
        else:
            caller, reply = _run(world, request, operation, auth, body)
            if fault is not None:
                reply = _fault_reply(fault.status, fault.message, fault.headers)
        world.exchanges.append(
            ExchangeRecord(
                method=request.method,
                path=path,
                query=request.url.query,
                status=reply.status,
                caller=caller.login if caller is not None else None,
                request_json=body,
                response_json=reply.body,
                injected=fault is not None,
            )
        )
    return reply


def _run(
    world: World, request: Request, operation: Operation, auth: Auth, body: Any
) -> tuple[TokenRecord | None, Reply]:
    caller: TokenRecord | None = None
    try:
        caller = _authenticate(world, request.headers.get("authorization", ""), auth)
        call = Call(
            world=world,
            urls=Urls(f"{request.url.scheme}://{request.url.netloc}"),
            url=request.url,
            caller=caller,
            params=request.path_params,
            query_params=request.query_params,
            body=body,
        )
        return caller, operation(call)
    except ApiError as error:
        return caller, Reply(error.status, error.body(), error.headers)


def _authenticate(world: World, header: str, auth: Auth) -> TokenRecord | None:
    scheme, _, credential = header.partition(" ")
    if auth == "none":
        return None
    if auth == "app":
        if scheme.lower() != "bearer" or not world.accounts.app_jwt_valid(credential.strip()):
            raise ApiError(401, "A JSON web token could not be decoded")
        return None
    if scheme.lower() not in ("token", "bearer"):
        raise ApiError(401, "Requires authentication")
    record = world.accounts.identify(credential.strip())
    if record is None:
        raise ApiError(401, "Bad credentials")
    return record


def _fault_reply(status: int, message: str, headers: dict[str, str]) -> Reply:
    body = {"message": message, "documentation_url": "https://docs.github.com/rest"}
    return Reply(status, body, dict(headers))


def _rate_headers(used: int) -> dict[str, str]:
    window = rate_limit_window(used % 5000)
    return {
        "X-RateLimit-Limit": str(window["limit"]),
        "X-RateLimit-Remaining": str(window["remaining"]),
        "X-RateLimit-Reset": str(window["reset"]),
        "X-RateLimit-Used": str(window["used"]),
        "X-RateLimit-Resource": "core",
    }


def paginate(call: Call, items: list[Any]) -> Reply:
    """One page of ``items`` with GitHub's ``Link`` header for the others."""
    per_page = min(max(_int(call.query("per_page"), 30), 1), 100)
    page = max(_int(call.query("page"), 1), 1)
    last = max((len(items) + per_page - 1) // per_page, 1)
    links = []
    if page < last:
        links.append(f'<{call.url.include_query_params(page=page + 1)}>; rel="next"')
        links.append(f'<{call.url.include_query_params(page=last)}>; rel="last"')
    if page > 1:
        links.append(f'<{call.url.include_query_params(page=1)}>; rel="first"')
        links.append(f'<{call.url.include_query_params(page=page - 1)}>; rel="prev"')
    headers = {"Link": ", ".join(links)} if links else {}
    return Reply(200, items[(page - 1) * per_page : page * per_page], headers)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
