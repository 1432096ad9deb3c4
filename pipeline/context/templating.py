"""Log templates: a line with its variable parts (times, ids, numbers, addresses) replaced.

Lines that differ only in those parts share a template, so a thousand "connection to
10.0.0.7:5432 refused after 3012ms" lines become one template with a count. Placeholders
name what they replaced (``<ts>``, ``<uuid>``, ``<ip>``...) so the LLM still knows what varied.
HTTP status and exit codes are kept: they are few and they matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.context.paths import template_path
from pipeline.context.shapes import shape_of

_Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], Callable[[str], bool]]

_URL = re.compile(
    r"\b([a-zA-Z][a-zA-Z0-9+.-]{1,15}://)(?:[^\s/@\"'<>]*@)?([^\s/?#\"'<>]+)([^\s\"'<>]*)"
)
_TIMESTAMP = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2}|\b))?"
    r"|\b\d{1,2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?"
    r"|\b[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}\b"
    r"|\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b"
)
_UUID = re.compile(r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b")
_IPV6 = re.compile(r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}::?){2,7}[0-9a-f]{1,4}(?![\w:])")
_KEYED_ID = re.compile(r"""(?i)(\b\w*(?:_id|Id|ID)\b|\bid\b)(["']?\s*[:=]\s*)(["']?)[\w.:-]+\3""")
_FILE_LINE = re.compile(r"(\.[A-Za-z]{1,5}):\d+(?::\d+)?\b")
_HEX = re.compile(r"\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b")
# Ids with a short type prefix, as Stripe and many APIs write them: ik_32792, pi_3Lx9a2, cus_42.
_PREFIXED_ID = re.compile(r"\b[A-Za-z]{1,12}_(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{2,}\b")
_TOKEN_ID = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{16,}\b")
_DURATION = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|sec|secs|seconds|m|min|mins|minutes|h|hr|hours)\b"
)
_SIZE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:[KMGT]i?B|kB|B|bytes)\b")
_NUMBER = re.compile(
    r"(?P<keep>(?i:\b(?:status|code|http/\d(?:\.\d)?\"?|exit(?:ed)?(?: with)?(?: code| status)?"
    r"|signal|errno)\s*[:=]?\s*)-?\d{1,3}\b)"
    r"|(?<![\w.<])[-+]?\d+(?:[.,]\d+)*(?![\w>])"
)


def _url(match: re.Match[str]) -> str:
    scheme, host, rest = match.group(1), match.group(2), match.group(3)
    host = _IPV4.sub("<ip>", host)
    return f"{scheme}{host}{template_path(rest) if rest else ''}"


def _number(match: re.Match[str]) -> str:
    keep = match.group("keep")
    return keep if keep is not None else "<n>"


def _keyed_id(match: re.Match[str]) -> str:
    return f"{match.group(1)}{match.group(2)}{match.group(3)}<id>{match.group(3)}"


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _keyed_id_possible(text: str) -> bool:
    return ("=" in text or ":" in text) and "id" in text.lower()


_DIGIT = re.compile(r"\d")
# Each rule with a cheap test its pattern cannot match without (a character it needs). Most
# log lines fail most tests, so most patterns never scan them: a third of the time per line.
_RULES: tuple[_Rule, ...] = (
    (_URL, _url, lambda t: "://" in t),
    (_TIMESTAMP, "<ts>", lambda t: "-" in t or "/" in t or ":" in t),
    (_UUID, "<uuid>", lambda t: "-" in t),
    (_EMAIL, "<email>", lambda t: "@" in t),
    (_IPV4, "<ip>", lambda t: "." in t),
    (_IPV6, "<ip>", lambda t: ":" in t),
    (_KEYED_ID, _keyed_id, _keyed_id_possible),
    (_FILE_LINE, r"\1:<n>", lambda t: ":" in t and "." in t),
    (_HEX, "<hex>", _has_digit),
    (_PREFIXED_ID, "<id>", lambda t: "_" in t),
    (_TOKEN_ID, "<id>", _has_digit),
    (_DURATION, "<dur>", _has_digit),
    (_SIZE, "<size>", lambda t: "B" in t or "bytes" in t),
    (_NUMBER, _number, _has_digit),
)
_SPACES = re.compile(r"[ \t]{2,}")


def template_of(line: str) -> str:
    """``line`` with its variable parts replaced by placeholders; runs of spaces squeezed."""
    out = line
    for pattern, replacement, possible in _RULES:
        if possible(out):
            out = pattern.sub(replacement, out)
    return _SPACES.sub(" ", out.strip())


_ASCII_DIGIT = re.compile(r"[0-9]")


class Templates:
    """``template_of`` remembered per shape (``shapes.shape_of``) when safe.

    Lines of one shape are matched in the same places; their templates can differ only where a
    rule copies digits into the template (status codes, ids in key names). A template without
    digits is therefore the template of every line of its shape.
    """

    def __init__(self) -> None:
        self._known: dict[str | bytes, str] = {}

    def __call__(self, line: str) -> str:
        """The template of ``line``."""
        shape = shape_of(line)
        known = self._known.get(shape)
        if known is not None:
            return known
        template = template_of(line)
        if _ASCII_DIGIT.search(template) is None:
            self._known[shape] = template
        return template
