"""The JSON answers the receiver gives: short, with a reason a sender's operator can act on."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse


def accepted(**fields: Any) -> JSONResponse:
    """202: the delivery is queued (or recognised as a duplicate, or ignored on purpose)."""
    return JSONResponse(fields, status_code=202)


def rejected(status_code: int, reason: str) -> JSONResponse:
    """A 4xx or 5xx with ``{"status": "rejected", "reason": ...}``."""
    status = "unavailable" if status_code == 503 else "rejected"
    return JSONResponse({"status": status, "reason": reason}, status_code=status_code)
