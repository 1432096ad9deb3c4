"""How serious a log line is, from its severity field and, above all, from what it says.

Railway marks everything a process writes to stderr as an error, and Python's logging and
uvicorn write INFO lines there, so a level written in the text wins over the field; words like
``Traceback`` or ``ECONNREFUSED`` make a line an error even when it came through stdout.
"""

from __future__ import annotations

import re
from enum import IntEnum

from pipeline.context.shapes import shape_of


class Level(IntEnum):
    """Log levels, most serious highest."""

    DEBUG = 10
    INFO = 20
    WARNING = 30
    ERROR = 40


_NAMES: dict[str, Level] = {
    "trace": Level.DEBUG,
    "debug": Level.DEBUG,
    "info": Level.INFO,
    "notice": Level.INFO,
    "warn": Level.WARNING,
    "warning": Level.WARNING,
    "error": Level.ERROR,
    "err": Level.ERROR,
    "fatal": Level.ERROR,
    "critical": Level.ERROR,
    "crit": Level.ERROR,
    "alert": Level.ERROR,
    "emerg": Level.ERROR,
    "panic": Level.ERROR,
    "severe": Level.ERROR,
}
# pino and bunyan write numeric levels.
_NUMERIC = {10: Level.DEBUG, 20: Level.DEBUG, 30: Level.INFO, 40: Level.WARNING}

_WORDS = "|".join(sorted(_NAMES, key=len, reverse=True))
_PREFIX = re.compile(rf"^[^A-Za-z]{{0,40}}?(?:\S+\s+){{0,3}}?\[?({_WORDS.upper()})\]?(?=[\s:|\]-])")
_FIELD = re.compile(
    rf"""(?i)\b(?:level|lvl|severity|loglevel)["']?\s*[:=]\s*["']?({_WORDS}|\d\d)\b"""
)
_ERROR_TEXT = re.compile(
    r"(?i)\b(?:error|exception|traceback|panic|fatal|critical|segmentation fault|segfault"
    r"|out of memory|oomkilled|oom-kill|unhandled|uncaught"
    r"|econnrefused|econnreset|etimedout|eaddrinuse|enotfound|epipe|ehostunreach)\b"
    r"|(?-i:\b\w+(?:Error|Exception)\b)"
    r"|\bnpm err!"
    r"|\bexit(?:ed)?(?: with)?(?: code| status)? [1-9]\d*"
)
_WARNING_TEXT = re.compile(r"(?i)\b(?:warn|warning|deprecated|deprecation|retrying)\b")
# Substrings (lower case) that every match of a pattern contains. Most lines hold none of
# them, and testing for a few substrings is much cheaper than a search with the pattern.
_ERROR_HINTS = (
    "err",
    "exception",
    "traceback",
    "panic",
    "fatal",
    "critical",
    "segmentation fault",
    "segfault",
    "out of memory",
    "oom",
    "unhandled",
    "uncaught",
    "econn",
    "etimedout",
    "eaddrinuse",
    "enotfound",
    "epipe",
    "ehostunreach",
    "exit",
)
_WARNING_HINTS = ("warn", "deprecat", "retrying")
_FIELD_HINTS = ("level", "lvl", "severity")
# Words without which no rule reads the value of a digit (see ``Levels``).
_DIGIT_READING_HINTS = (*_FIELD_HINTS, "exit")


class Levels:
    """``level_of`` remembered per severity and shape (``shapes.shape_of``) when safe.

    Only two level rules read a digit's value: a numeric level field (``"level":50``) and an
    exit status (``exit code 1`` is an error, ``exit code 0`` is not). A line with neither a
    level-field word nor ``exit`` has the level of every line of its shape.
    """

    def __init__(self) -> None:
        self._known: dict[tuple[str | None, str | bytes], Level] = {}

    def __call__(self, severity: str | None, message: str) -> Level:
        """The level of one line."""
        key = (severity, shape_of(message))
        known = self._known.get(key)
        if known is not None:
            return known
        level = level_of(severity, message)
        if not _hints(message.lower(), _DIGIT_READING_HINTS):
            self._known[key] = level
        return level


def level_of(severity: str | None, message: str) -> Level:
    """The level of one line: a level written in the text, else the field, raised by error words."""
    explicit = stated_level(message)
    if explicit is not None:
        return explicit
    field = _NAMES.get((severity or "").strip().lower(), Level.INFO)
    lower = message.lower()
    if _hints(lower, _ERROR_HINTS) and _ERROR_TEXT.search(message):
        return Level.ERROR
    if field < Level.WARNING and _hints(lower, _WARNING_HINTS) and _WARNING_TEXT.search(message):
        return Level.WARNING
    return field


def _hints(lower: str, hints: tuple[str, ...]) -> bool:
    # A plain loop: twice as fast as any() over a generator, and this runs three times a line.
    for hint in hints:  # noqa: SIM110
        if hint in lower:
            return True
    return False


def stated_level(message: str) -> Level | None:
    """The level a line states about itself (``INFO:``, ``level=warn``, ``"level":50``)."""
    head = message[:200]
    match = _FIELD.search(head) if _hints(head.lower(), _FIELD_HINTS) else None
    if match:
        word = match.group(1).lower()
        if word.isdigit():
            return _NUMERIC.get(int(word), Level.ERROR if int(word) >= 50 else Level.INFO)
        return _NAMES[word]
    match = _PREFIX.search(head)
    if match:
        return _NAMES[match.group(1).lower()]
    return None
