"""How Railway's failures map onto autofix's error tree.

    pipeline.errors.AutofixError
    ├── RetryableError             5xx, timeouts, lost connections, unreadable bodies
    │   └── RateLimited            429; ``retry_after`` from Retry-After or X-RateLimit-Reset
    └── PermanentError
        ├── RailwayQueryError      an ``errors`` array (even in a 200), or another 4xx
        └── ConfigurationError
            └── RailwayAuthError   401/403 or Railway's ``Not Authorized``

Every message names the operation, its variables and what Railway said, so a person (or the
model reading a tool error) can tell which call failed and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import httpx

from pipeline.errors import (
    AutofixError,
    ConfigurationError,
    PermanentError,
    RateLimited,
    RetryableError,
)
from pipeline.railway.rate_limit import retry_after_seconds

_SECRET_WORDS = ("token", "secret", "password", "key")
_MAX_SHOWN = 120
_NOT_AUTHORIZED = "not authorized"


class CallContext:
    """The operation being sent, for error messages; secret-looking variables are hidden."""

    def __init__(self, operation: str, variables: Mapping[str, object]) -> None:
        self.operation = operation
        self.variables = {name: _shown(name, value) for name, value in variables.items()}

    def describe(self, reason: str) -> str:
        """``Railway <operation> <variables>: <reason>``."""
        shown = ", ".join(f"{name}={value}" for name, value in self.variables.items())
        return f"Railway {self.operation}({shown}): {reason}"


class RailwayQueryError(PermanentError):
    """Railway rejected the operation; asking again will not help."""

    def __init__(self, context: CallContext, messages: Sequence[str], status: int) -> None:
        super().__init__(context.describe("; ".join(messages) or f"HTTP {status}"))
        self.operation = context.operation
        self.variables = context.variables
        self.messages = list(messages)
        self.status = status


class RailwayAuthError(ConfigurationError):
    """The token is missing, wrong, or may not see this resource."""

    def __init__(self, context: CallContext, messages: Sequence[str], status: int) -> None:
        hint = "check RAILWAY_API_TOKEN / RAILWAY_TOKEN and what the token may access"
        super().__init__(context.describe(f"{'; '.join(messages) or f'HTTP {status}'} ({hint})"))
        self.operation = context.operation
        self.messages = list(messages)
        self.status = status


def error_for_transport(exc: httpx.TransportError, context: CallContext) -> RetryableError:
    """A timeout or a lost connection: worth another try."""
    kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
    return RetryableError(context.describe(f"{kind}: {type(exc).__name__} {exc}".strip()))


def error_for_status(response: httpx.Response, context: CallContext, now: float) -> AutofixError:
    """The error for a non-2xx response."""
    status = response.status_code
    messages = graphql_messages(_json_or_none(response)) or [_snippet(response.text)]
    if status == httpx.codes.TOO_MANY_REQUESTS:
        wait = retry_after_seconds(response.headers, now)
        return RateLimited(
            context.describe(f"rate limited (HTTP 429), retry in {wait:.0f}s"), retry_after=wait
        )
    if status >= httpx.codes.INTERNAL_SERVER_ERROR:
        return RetryableError(context.describe(f"HTTP {status}: {messages[0]}"))
    if status in (httpx.codes.UNAUTHORIZED, httpx.codes.FORBIDDEN):
        return RailwayAuthError(context, messages, status)
    return RailwayQueryError(context, messages, status)


def error_for_errors(messages: Sequence[str], context: CallContext) -> PermanentError:
    """The error for a 200 whose body carries an ``errors`` array."""
    if any(m.strip().lower().startswith(_NOT_AUTHORIZED) for m in messages):
        return RailwayAuthError(context, messages, httpx.codes.OK)
    return RailwayQueryError(context, messages, httpx.codes.OK)


def graphql_messages(payload: object) -> list[str]:
    """The ``message`` of each entry of a GraphQL ``errors`` array; empty when there is none."""
    if not isinstance(payload, Mapping):
        return []
    errors = payload.get("errors")
    if not isinstance(errors, list):
        return []
    return [str(e.get("message", e)) if isinstance(e, Mapping) else str(e) for e in errors]


def _json_or_none(response: httpx.Response) -> object:
    try:
        return response.json()
    except ValueError:
        return None


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat[:_MAX_SHOWN] or "(empty body)"


def _shown(name: str, value: object) -> str:
    if any(word in name.lower() for word in _SECRET_WORDS):
        return "***"
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."
