"""Railway's log filter syntax, enough of it to answer the queries autofix sends.

Supported (docs: observability/logs): words and ``"phrases"`` (case-insensitive substring),
``@attr:value``, ``@attr:>=N`` / ``>`` / ``<=`` / ``<``, ``@attr:A..B``, ``replica:<id>``,
``AND`` (also implicit), ``OR``, ``-`` negation and parentheses. Anything else is treated as
text to look for, which is how a malformed filter such as ``status:>=400`` quietly matches
nothing at Railway.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r'\s*(\(|\)|-(?=[^\s])|"(?:[^"\\]|\\.)*"|[^\s()"]+(?:"(?:[^"\\]|\\.)*")?)')
_COMPARE = re.compile(r"^(>=|<=|>|<)(-?\d+(?:\.\d+)?)$")
_RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class Record:
    """What a filter sees of a log line: its text and its attributes."""

    text: str
    attributes: Mapping[str, str | int | float]


Predicate = Callable[[Record], bool]


def compile_filter(source: str | None) -> Predicate:
    """A predicate for ``source``; an empty filter matches everything."""
    tokens = _TOKEN.findall(source or "")
    if not tokens:
        return lambda record: True
    # Unbalanced input is not an error at Railway either; whatever parsed is used.
    return _Parser(tokens).expression()


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self._tokens = tokens
        self._at = 0

    def expression(self) -> Predicate:
        options = [self._conjunction()]
        while self._peek() == "OR":
            self._at += 1
            options.append(self._conjunction())
        return options[0] if len(options) == 1 else (lambda r: any(p(r) for p in options))

    def _conjunction(self) -> Predicate:
        parts = [self._unary()]
        while self._peek() not in (None, ")", "OR"):
            if self._peek() == "AND":
                self._at += 1
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else (lambda r: all(p(r) for p in parts))

    def _unary(self) -> Predicate:
        token = self._take()
        if token == "-":
            inner = self._unary()
            return lambda r: not inner(r)
        if token == "(":
            inner = self.expression()
            if self._peek() == ")":
                self._at += 1
            return inner
        return _term(token or "")

    def _peek(self) -> str | None:
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def _take(self) -> str | None:
        token = self._peek()
        self._at += 1
        return token


def _term(token: str) -> Predicate:
    if token.startswith("@") and ":" in token:
        name, _, wanted = token[1:].partition(":")
        return _attribute(name, _unquote(wanted))
    if token.startswith("replica:"):
        return _attribute("replica", token.removeprefix("replica:"))
    needle = _unquote(token).lower()
    return lambda r: needle in r.text.lower()


def _attribute(name: str, wanted: str) -> Predicate:
    compare, between = _COMPARE.match(wanted), _RANGE.match(wanted)
    if compare:
        op, bound = compare.group(1), float(compare.group(2))
        return lambda r: _number(r, name, lambda v: _OPS[op](v, bound))
    if between:
        low, high = float(between.group(1)), float(between.group(2))
        return lambda r: _number(r, name, lambda v: low <= v <= high)
    return lambda r: name in r.attributes and str(r.attributes[name]).lower() == wanted.lower()


_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


def _number(record: Record, name: str, test: Callable[[float], bool]) -> bool:
    try:
        return test(float(record.attributes[name]))
    except (KeyError, ValueError):
        return False


def _unquote(text: str) -> str:
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1].replace('\\"', '"')
    return text
