"""Who the caller is: the authenticated user, the App and its tokens, the rate limit."""

from __future__ import annotations

from starlette.routing import Route

from standins.github.api_errors import ApiError, not_found
from standins.github.endpoint import Call, Reply, endpoint
from standins.github.shapes.apps import installation_token, integration, rate_limit_overview
from standins.github.shapes.users import private_user


def get_user(call: Call) -> Reply:
    """``users/get-authenticated``; installation tokens are not users."""
    caller = call.caller
    if caller is None or caller.installation_id is not None:
        raise ApiError(403, "Resource not accessible by integration")
    user = call.world.accounts.add_user(caller.login)
    return Reply(200, private_user(call.urls, user))


def get_rate_limit(call: Call) -> Reply:
    """``rate-limit/get``."""
    return Reply(200, rate_limit_overview())


def get_app(call: Call) -> Reply:
    """``apps/get-authenticated`` (App JWT)."""
    return Reply(200, integration(call.urls, call.world))


def create_installation_token(call: Call) -> Reply:
    """``apps/create-installation-access-token`` (App JWT)."""
    installation_id = call.number("installation_id")
    if installation_id not in call.world.accounts.installations:
        raise not_found()
    token = call.world.accounts.mint_installation_token(installation_id)
    return Reply(201, installation_token(token))


ROUTES = [
    Route("/user", endpoint(get_user), methods=["GET"]),
    Route("/rate_limit", endpoint(get_rate_limit), methods=["GET"]),
    Route("/app", endpoint(get_app, auth="app"), methods=["GET"]),
    Route(
        "/app/installations/{installation_id}/access_tokens",
        endpoint(create_installation_token, auth="app"),
        methods=["POST"],
    ),
]
