"""``SecretMasker``: masks secrets in text and in nested data, and counts them by kind.

Order: values registered at start-up (autofix's own tokens) first, exactly; then the explicit
rules; then detect-secrets' provider plugins. Counts say how many values of each kind were
masked, never which.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, JsonValue

from pipeline.context.secrets.library import LibraryDetector
from pipeline.context.secrets.rules import MASK_PREFIX, RULES, Rule, masked

# A registered value shorter than this would mask ordinary words.
MIN_REGISTERED_LENGTH = 6
# Plurals only where a plural still names secrets: "max_tokens" is a count, "secrets" are not.
_SENSITIVE_KEY = re.compile(
    r"(?i)(?:password|passwd|pwd|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key"
    r"|authorization|cookie|secret|credential|credentials|passwords)$"
)


class MaskResult(BaseModel):
    """Masked text and how many values of each kind were masked."""

    model_config = ConfigDict(frozen=True)

    text: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """How many values were masked."""
        return sum(self.counts.values())


class MaskedData(BaseModel):
    """Masked nested data and the counts by kind."""

    model_config = ConfigDict(frozen=True)

    value: JsonValue
    counts: dict[str, int]


class SecretMasker:
    """Masks secrets; build one at start-up with the service's own secrets registered."""

    def __init__(
        self, registered: Iterable[tuple[str, str]] = (), *, use_library: bool = True
    ) -> None:
        values = {v: kind for kind, v in registered if v and len(v) >= MIN_REGISTERED_LENGTH}
        for value, kind in list(values.items()):
            values.setdefault(quote(value, safe=""), kind)
        self._registered = sorted(values.items(), key=lambda item: -len(item[0]))
        self._library = LibraryDetector() if use_library else None

    def mask(self, text: str) -> MaskResult:
        """``text`` with every secret replaced by ``[MASKED:<kind>]``."""
        counts: Counter[str] = Counter()
        out = text
        for value, kind in self._registered:
            hits = out.count(value)
            if hits:
                out = out.replace(value, masked(kind))
                counts[kind] += hits
        for rule in RULES:
            out = _apply(rule, out, counts)
        if self._library is not None:
            out = _mask_found(self._library, out, counts)
        return MaskResult(text=out, counts=dict(counts))

    def mask_data(self, value: JsonValue) -> MaskedData:
        """Nested data with strings masked and values under secret-named keys replaced whole."""
        counts: Counter[str] = Counter()
        return MaskedData(value=self._walk(value, counts), counts=dict(counts))

    def _walk(self, value: JsonValue, counts: Counter[str]) -> JsonValue:
        if isinstance(value, str):
            result = self.mask(value)
            counts.update(result.counts)
            return result.text
        if isinstance(value, list):
            return [self._walk(item, counts) for item in value]
        if isinstance(value, dict):
            return {k: self._walk_entry(k, v, counts) for k, v in value.items()}
        return value

    def _walk_entry(self, key: str, value: JsonValue, counts: Counter[str]) -> JsonValue:
        if _SENSITIVE_KEY.search(key) and isinstance(value, str | int | float) and value != "":
            kind = _key_kind(key)
            counts[kind] += 1
            return masked(kind)
        return self._walk(value, counts)


def _mask_found(library: LibraryDetector, text: str, counts: Counter[str]) -> str:
    found = {value: kind for kind, value in library.find(text)}
    for value, kind in sorted(found.items(), key=lambda item: -len(item[0])):
        hits = text.count(value)
        if hits:
            text = text.replace(value, masked(kind))
            counts[kind] += hits
    return text


def _apply(rule: Rule, text: str, counts: Counter[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        value = match.group(rule.group)
        if not value or value.startswith(MASK_PREFIX) or not rule.accept(value, match):
            return match.group(0)
        kind = rule.kind_of(match) if rule.kind_of is not None else rule.kind
        counts[kind] += 1
        start, end = match.span(rule.group)
        base = match.start()
        whole = match.group(0)
        return whole[: start - base] + masked(kind) + whole[end - base :]

    return rule.pattern.sub(replace, text)


def _key_kind(key: str) -> str:
    lowered = key.lower()
    if "pass" in lowered or "pwd" in lowered:
        return "password"
    if "authorization" in lowered:
        return "authorization"
    if "token" in lowered:
        return "token"
    if "cookie" in lowered:
        return "cookie"
    return "api_key" if "key" in lowered else "secret"
