"""How GitHub's answers map onto autofix's errors."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from github import GithubException

from pipeline.errors import (
    AutofixError,
    ConfigurationError,
    PermanentError,
    RateLimited,
    RetryableError,
)
from pipeline.github.failures import SECONDARY_LIMIT_WAIT, classify, describe, github_errors

NOW = 1_000_000.0


@pytest.mark.parametrize(
    ("status", "data", "headers", "kind", "retry_after"),
    [
        (500, {"message": "boom"}, {}, RetryableError, None),
        (502, None, {}, RetryableError, None),
        (503, {"message": "unavailable"}, {}, RetryableError, None),
        (401, {"message": "Bad credentials"}, {}, ConfigurationError, None),
        (404, {"message": "Not Found"}, {}, PermanentError, None),
        (422, {"message": "Validation Failed"}, {}, PermanentError, None),
        (403, {"message": "Resource not accessible by integration"}, {}, PermanentError, None),
        (429, {"message": "slow down"}, {"Retry-After": "7"}, RateLimited, 7.0),
        (429, {"message": "slow down"}, {}, RateLimited, SECONDARY_LIMIT_WAIT),
        (
            403,
            {"message": "API rate limit exceeded for user ID 1."},
            {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 90)},
            RateLimited,
            90.0,
        ),
        (
            403,
            {"message": "You have exceeded a secondary rate limit."},
            {},
            RateLimited,
            SECONDARY_LIMIT_WAIT,
        ),
        (
            403,
            {"message": "x"},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "0"},
            RateLimited,
            1.0,
        ),
    ],
)
def test_classify(
    status: int,
    data: Any,
    headers: dict[str, str],
    kind: type[AutofixError],
    retry_after: float | None,
) -> None:
    error = classify(status, data, headers, "do something", now=NOW)
    assert type(error) is kind
    assert error.retry_after == retry_after
    assert error.message.startswith(f"do something: GitHub answered {status}")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"message": "Not Found"}, "Not Found"),
        (
            {
                "message": "Validation Failed",
                "errors": [
                    {
                        "resource": "PullRequest",
                        "code": "custom",
                        "message": "A pull request already exists for a:b.",
                    }
                ],
            },
            "Validation Failed; A pull request already exists for a:b.",
        ),
        (
            {
                "message": "Validation Failed",
                "errors": [{"resource": "PullRequest", "field": "head", "code": "invalid"}],
            },
            "Validation Failed; PullRequest head invalid",
        ),
        ({"message": "Validation Failed", "errors": ["plain"]}, "Validation Failed; plain"),
        (None, "(no message)"),
        ("<html>bad gateway</html>", "<html>bad gateway</html>"),
    ],
)
def test_describe(data: Any, expected: str) -> None:
    assert describe(data) == expected


@pytest.mark.parametrize(
    ("raised", "kind"),
    [
        (GithubException(502, {"message": "Bad Gateway"}, {}), RetryableError),
        (GithubException(404, {"message": "Not Found"}, None), PermanentError),
        (requests.exceptions.RetryError("too many 502"), RetryableError),
        (requests.exceptions.ConnectTimeout("slow"), RetryableError),
        (requests.exceptions.ConnectionError("refused"), RetryableError),
    ],
)
def test_github_errors_raise_ours_from_theirs(raised: Exception, kind: type[AutofixError]) -> None:
    with pytest.raises(kind) as caught, github_errors("read a repository"):
        raise raised
    assert caught.value.__cause__ is raised


def test_other_exceptions_pass_through() -> None:
    with pytest.raises(KeyError), github_errors("read"):
        raise KeyError("bug")
