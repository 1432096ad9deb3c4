"""Scoring a context against a scenario's ground truth: which error templates it kept.

A scenario lists its distinct error templates with ``{placeholders}``; a context keeps a
template when one of its lines holds every fixed fragment of it, in order (a digest replaces
the variable parts with its own markers, so only the fixed text can be compared).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_MIN_FRAGMENT = 4


def fragments(template: str) -> list[str]:
    """The fixed parts of ``template`` long enough to be telling."""
    return [
        part.strip() for part in _PLACEHOLDER.split(template) if len(part.strip()) >= _MIN_FRAGMENT
    ]


def kept(template: str, text: str) -> bool:
    """True if a line of ``text`` holds all fixed parts of ``template``, in order."""
    parts = fragments(template)
    for line in text.splitlines():
        position = 0
        for part in parts:
            found = line.find(part, position)
            if found < 0:
                break
            position = found + len(part)
        else:
            return True
    return False


def share_kept(templates: Sequence[str], text: str) -> float:
    """The share of ``templates`` that ``text`` keeps (1.0 when there are none)."""
    if not templates:
        return 1.0
    return sum(kept(t, text) for t in templates) / len(templates)
