"""Railway's log filter syntax, built rather than typed by hand.

Syntax from Railway's docs (observability/logs): ``@attr:value``, numeric ``@attr:>=N`` and
``@attr:A..B``, ``"phrases"``, ``AND``/``OR``, ``-`` to negate. HTTP-log attributes include
``@httpStatus``, ``@path``, ``@method``, ``@totalDuration``. The reference demo's
``status:>=400`` is not this syntax and quietly matches nothing.
"""

from __future__ import annotations

import re

_PHRASE = re.compile(r'"(?:[^"\\]|\\.)*"')

SERVER_ERRORS = "@httpStatus:>=500"
"""HTTP requests answered 5xx."""


def http_status_at_least(code: int) -> str:
    """HTTP requests whose status is ``code`` or higher."""
    return f"@httpStatus:>={code}"


def http_status_between(lowest: int, highest: int) -> str:
    """HTTP requests whose status is within ``lowest..highest``."""
    return f"@httpStatus:{lowest}..{highest}"


def slower_than(milliseconds: int) -> str:
    """HTTP requests that took at least ``milliseconds`` end to end."""
    return f"@totalDuration:>={milliseconds}"


def attribute(name: str, value: str) -> str:
    """Structured log lines whose attribute ``name`` equals ``value`` (e.g. ``@level:error``)."""
    return f"@{name}:{_quoted_if_needed(value)}"


def phrase(text: str) -> str:
    """Lines containing ``text`` verbatim."""
    return '"' + text.replace('"', '\\"') + '"'


def all_of(*terms: str) -> str:
    """Lines matching every term."""
    return " AND ".join(_grouped(t) for t in terms)


def any_of(*terms: str) -> str:
    """Lines matching at least one term."""
    return " OR ".join(_grouped(t) for t in terms)


def excluding(term: str) -> str:
    """Lines not matching ``term``."""
    return f"-{_grouped(term)}"


def _grouped(term: str) -> str:
    # Parentheses around a compound term keep AND/OR/- binding the way the caller nested them.
    single = " " not in term or _PHRASE.fullmatch(term) is not None
    return term if single else f"({term})"


def _quoted_if_needed(value: str) -> str:
    return phrase(value) if any(c.isspace() or c in '()"' for c in value) else value
