"""Pull request operations: list, create, get, update."""

from __future__ import annotations

from typing import Literal, cast

from starlette.routing import Route

from standins.github.api_errors import ApiError, invalid
from standins.github.endpoint import Call, Reply, endpoint, paginate
from standins.github.pull_requests import (
    PullState,
    create_pull,
    list_pulls,
    refresh_head,
    update_pull,
)
from standins.github.shapes.pulls import pull_request, pull_simple


def list_(call: Call) -> Reply:
    """``pulls/list`` with GitHub's ``head`` filter semantics."""
    state = call.query("state") or "open"
    if state not in ("open", "closed", "all"):
        raise invalid("PullRequest", "state")
    found = list_pulls(
        call.world,
        call.repo(),
        state=cast(PullState, state),
        head=call.query("head"),
        base=call.query("base"),
    )
    if call.query("direction") == "asc":
        found.reverse()
    return paginate(call, [pull_simple(call.urls, call.world, p) for p in found])


def create(call: Call) -> Reply:
    """``pulls/create``."""
    repo = call.repo()
    head, base = call.field("head"), call.field("base")
    if not isinstance(head, str) or not head:
        raise invalid("PullRequest", "head", "missing_field")
    if not isinstance(base, str) or not base:
        raise invalid("PullRequest", "base", "missing_field")
    if not call.world.can(repo, call.login, "write"):
        raise ApiError(403, "Resource not accessible by personal access token")
    pull = create_pull(
        call.world,
        repo,
        call.login,
        title=call.field("title"),
        body=call.field("body"),
        head=head,
        base=base,
        draft=bool(call.field("draft")),
    )
    return Reply(201, pull_request(call.urls, call.world, pull))


def get(call: Call) -> Reply:
    """``pulls/get``."""
    pull = call.world.pull(call.repo(), call.number("pull_number"))
    refresh_head(call.world, pull)
    return Reply(200, pull_request(call.urls, call.world, pull))


def update(call: Call) -> Reply:
    """``pulls/update``."""
    repo = call.repo()
    pull = call.world.pull(repo, call.number("pull_number"))
    if not call.world.can(repo, call.login, "write") and call.login != pull.user:
        raise ApiError(403, "Resource not accessible by personal access token")
    state = call.field("state")
    if state not in (None, "open", "closed"):
        raise invalid("PullRequest", "state")
    update_pull(
        call.world,
        pull,
        title=call.field("title"),
        body=call.field("body"),
        state=cast(Literal["open", "closed"] | None, state),
        base=call.field("base"),
    )
    return Reply(200, pull_request(call.urls, call.world, pull))


_PULLS = "/repos/{owner}/{repo}/pulls"

ROUTES = [
    Route(_PULLS, endpoint(list_), methods=["GET"]),
    Route(_PULLS, endpoint(create), methods=["POST"]),
    Route(f"{_PULLS}/{{pull_number}}", endpoint(get), methods=["GET"]),
    Route(f"{_PULLS}/{{pull_number}}", endpoint(update), methods=["PATCH"]),
]
