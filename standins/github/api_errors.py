"""Failures the stand-in answers with: GitHub's ``basic-error`` and ``validation-error``."""

from __future__ import annotations

from typing import Any

DOCS = "https://docs.github.com/rest"


class ApiError(Exception):
    """An answer other than success; ``errors`` makes it a ``validation-error``."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON GitHub sends for this failure."""
        out: dict[str, Any] = {"message": self.message, "documentation_url": DOCS}
        if self.errors is not None:
            out["errors"] = self.errors
        else:
            out["status"] = str(self.status)
        return out


def not_found() -> ApiError:
    """GitHub's answer for anything missing or invisible to the caller."""
    return ApiError(404, "Not Found")


def invalid(
    resource: str, field: str, code: str = "invalid", message: str | None = None
) -> ApiError:
    """A 422 ``Validation Failed`` naming one field."""
    error: dict[str, Any] = {"resource": resource, "field": field, "code": code}
    if message is not None:
        error = {"resource": resource, "code": "custom", "message": message}
    return ApiError(422, "Validation Failed", errors=[error])
