"""The errors autofix raises, and whether trying again can help.

Clients map third-party failures onto this tree at their boundary (``raise ... from exc``);
only the pipeline turns ``retryable`` into an arq retry.

    AutofixError                 base; ``retryable`` says whether a later attempt may succeed
    ├── RetryableError           timeouts, 5xx, 429, a lost connection
    │   └── RateLimited          429 or an exhausted quota; carries ``retry_after`` seconds
    └── PermanentError           bad credentials, a 4xx, invalid data: retrying cannot help
        ├── ConfigurationError   a needed setting is missing or wrong
        └── Cancelled            a person asked autofix to stop
"""

from __future__ import annotations


class AutofixError(Exception):
    """Base of every error autofix raises on purpose."""

    retryable: bool = False

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class RetryableError(AutofixError):
    """A failure a later attempt may not see."""

    retryable = True


class RateLimited(RetryableError):
    """The upstream asked us to slow down; ``retry_after`` says for how long."""


class PermanentError(AutofixError):
    """A failure that will repeat on every attempt."""


class ConfigurationError(PermanentError):
    """A setting needed for this step is missing or wrong."""


class Cancelled(PermanentError):
    """The run was cancelled by a person."""


def is_retryable(exc: BaseException) -> bool:
    """True for our retryable errors; unknown exceptions are treated as retryable bugs-or-blips."""
    if isinstance(exc, AutofixError):
        return exc.retryable
    return not isinstance(exc, (TypeError, ValueError, KeyError, AttributeError, AssertionError))
