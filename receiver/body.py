"""Reading a webhook body: capped in size, then parsed as a JSON object."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request


class BodyError(Exception):
    """The body cannot be accepted; ``status_code`` and message say why."""

    def __init__(self, status_code: int, reason: str) -> None:
        super().__init__(reason)
        self.status_code = status_code
        self.reason = reason


async def read_capped(request: Request, limit: int) -> bytes:
    """The raw body, or :class:`BodyError` 413 as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyError(413, f"body of {declared} bytes exceeds the {limit}-byte limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyError(413, f"body exceeds the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json_object(body: bytes) -> dict[str, Any]:
    """The body as a JSON object, or :class:`BodyError` 400 naming what is wrong."""
    if not body.strip():
        raise BodyError(400, "empty body: expected a JSON object")
    try:
        value = json.loads(body)
    except UnicodeDecodeError:
        raise BodyError(400, "body is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BodyError(
            400, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise BodyError(400, "malformed JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise BodyError(400, f"malformed JSON: {exc}") from None
    if not isinstance(value, dict):
        raise BodyError(400, f"expected a JSON object, got {type(value).__name__}")
    return value
