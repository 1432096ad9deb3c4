"""Formats GitHub uses for timestamps and node ids."""

from __future__ import annotations

import base64
from datetime import datetime


def stamp(moment: datetime | None) -> str | None:
    """``2011-01-26T19:01:12Z``, or None."""
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(kind: str, number: int) -> str:
    """A GraphQL-style global id; opaque to clients, stable per record."""
    return base64.b64encode(f"0{len(kind)}:{kind}{number}".encode()).decode()
