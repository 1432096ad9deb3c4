"""Hidden markers: HTML comments that let autofix find what it wrote before, on any attempt."""

from __future__ import annotations

import re

_KEY = re.compile(r"^[A-Za-z0-9_.:/-]+$")


def marker(key: str) -> str:
    """The invisible marker for ``key`` (letters, digits and ``_.:/-``)."""
    if not _KEY.match(key):
        raise ValueError(f"marker keys are limited to letters, digits and _.:/- (got {key!r})")
    return f"<!-- autofix:{key} -->"


def with_marker(body: str, key: str) -> str:
    """``body`` ending with the marker for ``key``, added once."""
    tag = marker(key)
    return body if tag in body else f"{body.rstrip()}\n\n{tag}\n"


def has_marker(body: str | None, key: str) -> bool:
    """True when ``body`` carries the marker for ``key``."""
    return body is not None and marker(key) in body
