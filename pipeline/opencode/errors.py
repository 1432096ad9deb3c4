"""What can go wrong while driving OpenCode, placed in autofix's error tree.

RetryableError
├── OpenCodeUnavailable      the server cannot be started or reached, or answered 5xx
└── AgentDeadlineExceeded    the session ran past its deadline and was aborted
PermanentError
├── OpenCodeRejected         the server refused a request (4xx): a bug or a wrong password
├── OpenCodeProtocolError    an answer did not have the expected shape (version skew)
└── AgentFailed              the session ended with an error (bad model id, auth, overflow)
"""

from __future__ import annotations

from pipeline.errors import PermanentError, RetryableError


class OpenCodeUnavailable(RetryableError):
    """The OpenCode server could not be started or reached, or failed inside."""


class AgentDeadlineExceeded(RetryableError):
    """The agent session did not finish in time; it was aborted.

    Retryable because the usual cause is an LLM that is down or slow (OpenCode retries 5xx
    forever); a task too big for the deadline will fail the same way on every attempt.
    """

    def __init__(self, message: str, *, session_id: str) -> None:
        super().__init__(message)
        self.session_id = session_id


class OpenCodeRejected(PermanentError):
    """OpenCode answered 4xx to a request."""


class OpenCodeProtocolError(PermanentError):
    """OpenCode answered something autofix cannot read; usually a server of another version."""


class AgentFailed(PermanentError):
    """The agent session ended with an error recorded on its last message."""

    def __init__(self, message: str, *, error_name: str, session_id: str) -> None:
        super().__init__(message)
        self.error_name = error_name
        self.session_id = session_id
