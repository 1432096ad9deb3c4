"""Map PyGithub and requests failures onto autofix's errors, at the client's boundary.

GithubException 5xx, requests timeouts/connection errors/RetryError  -> RetryableError
429, 403 with a rate-limit message or an exhausted quota              -> RateLimited
401 (bad or expired credentials)                                     -> ConfigurationError
other 4xx (403, 404, 409, 422, ...)                                  -> PermanentError
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import requests
from github import GithubException

from pipeline.errors import (
    AutofixError,
    ConfigurationError,
    PermanentError,
    RateLimited,
    RetryableError,
)

# GitHub asks for "at least one minute" after a secondary rate limit without Retry-After.
SECONDARY_LIMIT_WAIT = 60.0
_RATE_LIMIT_PHRASES = ("rate limit", "secondary rate limit", "abuse detection")


def classify(
    status: int,
    data: Any,
    headers: Mapping[str, str],
    action: str,
    now: float | None = None,
) -> AutofixError:
    """The autofix error for GitHub answering ``status`` with ``data`` while doing ``action``."""
    lowered = {k.lower(): v for k, v in headers.items()}
    message = describe(data)
    text = f"{action}: GitHub answered {status}: {message}"
    if status == 429 or (status == 403 and _is_rate_limit(message, lowered)):
        return RateLimited(text, retry_after=_retry_after(lowered, now))
    if status >= 500:
        return RetryableError(text)
    if status == 401:
        return ConfigurationError(f"{text} (is the GitHub token or App key valid?)")
    return PermanentError(text)


def describe(data: Any) -> str:
    """GitHub's message and the messages of its ``errors`` list, in one line."""
    if not isinstance(data, dict):
        return str(data)[:300] if data else "(no message)"
    parts = [str(data.get("message") or "(no message)")]
    for error in data.get("errors") or []:
        if isinstance(error, dict):
            detail = error.get("message") or " ".join(
                str(error[k]) for k in ("resource", "field", "code") if error.get(k)
            )
            parts.append(str(detail))
        else:
            parts.append(str(error))
    return "; ".join(parts)


@contextmanager
def github_errors(action: str) -> Iterator[None]:
    """Run a PyGithub call, raising autofix errors instead of PyGithub's or requests'."""
    try:
        yield
    except GithubException as exc:
        raise classify(exc.status, exc.data, exc.headers or {}, action) from exc
    except requests.exceptions.RetryError as exc:
        raise RetryableError(f"{action}: GitHub kept failing: {exc}") from exc
    except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
        raise RetryableError(f"{action}: could not reach GitHub: {exc}") from exc


def _is_rate_limit(message: str, headers: Mapping[str, str]) -> bool:
    if headers.get("x-ratelimit-remaining") == "0" or "retry-after" in headers:
        return True
    lowered = message.lower()
    return any(phrase in lowered for phrase in _RATE_LIMIT_PHRASES)


def _retry_after(headers: Mapping[str, str], now: float | None) -> float:
    try:
        return max(float(headers["retry-after"]), 1.0)
    except (KeyError, ValueError):
        pass
    if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
        try:
            reset = float(headers["x-ratelimit-reset"])
        except ValueError:
            return SECONDARY_LIMIT_WAIT
        return max(reset - (time.time() if now is None else now), 1.0)
    return SECONDARY_LIMIT_WAIT
