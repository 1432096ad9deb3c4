"""``/_control``: the stand-in's ``Control`` over HTTP, for a demo or a test in another process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from standins.github.api_errors import ApiError
from standins.github.control import Control
from standins.github.records import FaultRecord, Role, UserType

Action = Callable[[Control, dict[str, str], dict[str, Any]], Any]


class RepoSpec(BaseModel):
    """Body of ``POST /_control/repos``."""

    full_name: str
    files: dict[str, str]
    default_branch: str = "main"
    private: bool = False


class UserSpec(BaseModel):
    """Body of ``POST /_control/users``."""

    login: str
    type: UserType = "User"
    token: str | None = None


class RoleSpec(BaseModel):
    """Body of ``PUT /_control/repos/{owner}/{repo}/collaborators/{login}``."""

    role: Role | None


class CommentSpec(BaseModel):
    """Body of the routes through which a person comments."""

    user: str
    body: str
    path: str = "README.md"
    line: int = 1


class AppSpec(BaseModel):
    """Body of ``POST /_control/app``: the App and the repositories it is installed on."""

    app_id: int
    public_key_pem: str
    slug: str = "autofix"
    account: str
    repos: list[str]


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_dump(item) for item in value]
    return value


def _route(path: str, method: str, action: Action) -> Route:
    async def serve(request: Request) -> Response:
        control: Control = request.app.state.control
        body = await request.json() if await request.body() else {}
        params = {k: str(v) for k, v in request.path_params.items()}
        try:
            result = await run_in_threadpool(action, control, params, body)
        except ApiError as error:
            return JSONResponse({"message": error.message}, status_code=error.status)
        except ValidationError as error:
            return JSONResponse({"message": str(error)}, status_code=422)
        return JSONResponse(_dump(result), status_code=201 if method == "POST" else 200)

    return Route(f"/_control{path}", serve, methods=[method])


def _full(p: dict[str, str]) -> str:
    return f"{p['owner']}/{p['repo']}"


def _create_repo(c: Control, p: dict[str, str], b: dict[str, Any]) -> Any:
    spec = RepoSpec.model_validate(b)
    return c.create_repo(
        spec.full_name, spec.files, default_branch=spec.default_branch, private=spec.private
    )


def _add_user(c: Control, p: dict[str, str], b: dict[str, Any]) -> Any:
    spec = UserSpec.model_validate(b)
    user = c.add_user(spec.login, spec.type)
    if spec.token:
        c.add_token(spec.token, spec.login)
    return user


def _configure_app(c: Control, p: dict[str, str], b: dict[str, Any]) -> Any:
    spec = AppSpec.model_validate(b)
    c.configure_app(spec.app_id, spec.public_key_pem, spec.slug)
    return c.install_app(spec.account, spec.repos)


def _comment(c: Control, p: dict[str, str], b: dict[str, Any]) -> Any:
    spec = CommentSpec.model_validate(b)
    return c.post_comment(_full(p), int(p["number"]), spec.user, spec.body)


def _review_comment(c: Control, p: dict[str, str], b: dict[str, Any]) -> Any:
    spec = CommentSpec.model_validate(b)
    return c.post_review_comment(
        _full(p), int(p["number"]), spec.user, spec.body, path=spec.path, line=spec.line
    )


_REPO = "/repos/{owner}/{repo}"

ROUTES = [
    _route("/repos", "POST", _create_repo),
    _route("/users", "POST", _add_user),
    _route("/app", "POST", _configure_app),
    _route(
        f"{_REPO}/collaborators/{{login}}",
        "PUT",
        lambda c, p, b: c.set_role(_full(p), p["login"], RoleSpec.model_validate(b).role),
    ),
    _route(f"{_REPO}/pulls", "GET", lambda c, p, b: c.pulls(_full(p))),
    _route(
        f"{_REPO}/pulls/{{number}}/merge",
        "POST",
        lambda c, p, b: c.merge_pull(_full(p), int(p["number"]), b.get("merged_by")),
    ),
    _route(
        f"{_REPO}/pulls/{{number}}/close",
        "POST",
        lambda c, p, b: c.close_pull(_full(p), int(p["number"])),
    ),
    _route(f"{_REPO}/pulls/{{number}}/review-comments", "POST", _review_comment),
    _route(f"{_REPO}/issues", "GET", lambda c, p, b: c.issues(_full(p))),
    _route(f"{_REPO}/issues/{{number}}/comments", "POST", _comment),
    _route(f"{_REPO}/comments", "GET", lambda c, p, b: c.comments(_full(p))),
    _route(f"{_REPO}/reactions", "GET", lambda c, p, b: c.reactions(_full(p))),
    _route(
        f"{_REPO}/branches/{{branch:path}}",
        "GET",
        lambda c, p, b: {"sha": c.branch_sha(_full(p), p["branch"])},
    ),
    _route("/faults", "POST", lambda c, p, b: c.inject_fault(FaultRecord.model_validate(b))),
    _route("/faults", "DELETE", lambda c, p, b: c.clear_faults()),
    _route("/requests", "GET", lambda c, p, b: c.exchanges()),
    _route("/requests", "DELETE", lambda c, p, b: c.clear_exchanges()),
]
