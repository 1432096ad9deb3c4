"""The stand-in as one Starlette application: REST API, git over HTTP, control routes."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Mount, Route

from standins.github import (
    control_routes,
    git_http,
    routes_account,
    routes_issues,
    routes_pulls,
    routes_repos,
)
from standins.github.api_errors import not_found
from standins.github.control import Control
from standins.github.endpoint import Call, Reply, endpoint
from standins.github.urls import API_PREFIX
from standins.github.world import World


def _unknown(call: Call) -> Reply:
    raise not_found()


def build_app(world: World) -> Starlette:
    """An ASGI app serving ``world``; ``app.state.control`` is its ``Control``."""
    api = [
        *routes_repos.ROUTES,
        *routes_pulls.ROUTES,
        *routes_issues.ROUTES,
        *routes_account.ROUTES,
        Route(
            "/{path:path}",
            endpoint(_unknown, auth="none"),
            methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
        ),
    ]
    app = Starlette(
        routes=[
            Mount(API_PREFIX, routes=api),
            *control_routes.ROUTES,
            *git_http.ROUTES,
        ]
    )
    app.state.world = world
    app.state.control = Control(world)
    return app
