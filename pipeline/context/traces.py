"""Stack traces put back together: consecutive entries of one trace become one event.

Railway stores a log line per entry, so a Python traceback, a Node ``at ...`` stack, a Java
``Caused by`` chain or a Go panic usually arrives as many entries written within a few
milliseconds. Entries join a trace while they look like frames of it and follow closely.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pipeline.context.logs import LogLine

Kind = Literal["python", "go", "jvm"]

_START: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"^\s*Traceback \(most recent call last\):"), "python"),
    (re.compile(r"^(?:panic: |fatal error: |goroutine \d+ \[)"), "go"),
    (re.compile(r"^Exception in thread "), "jvm"),
)
# The same, as one pattern whose matching group names the kind: one match per line, not three.
_ANY_START = re.compile("|".join(f"(?P<{kind}>{pattern.pattern})" for pattern, kind in _START))
_FRAME = re.compile(
    r'^\s+File ".*", line \d+'
    r"|^\s+at\s"
    r"|^\s*\.\.\. \d+ (?:more|common frames omitted)"
    r"|^(?:Caused by|\s*Suppressed):"
    r"|^goroutine \d+ \["
    r"|^\t\S.*:\d+"
    r"|^created by "
    r"|^\[signal "
    r"|^exit status \d+"
)
_JVM_FRAME = re.compile(r"^\s+at\s")
_GO_CALL = re.compile(r"^[\w./*()\[\]-]+\(.*\)$")
_CHAIN = re.compile(
    r"^(?:During handling of the above exception|The above exception was the direct)"
)
_CLOSING = re.compile(r"^\s*[}\]]+[,;]?\s*$")
# Entries of one trace are written together; a pause means a new event.
MAX_GAP_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Event:
    """One log entry, or one stack trace gathered from several entries.

    A dataclass, not a model: one is made per log line, and validation doubled their cost.
    """

    timestamp: datetime | None
    severity: str | None
    text: str
    is_trace: bool
    entries: int = 1


@dataclass
class _Trace:
    kind: Kind
    first: LogLine
    last: LogLine
    lines: list[str] = field(default_factory=list)
    entries: int = 1
    python_done: bool = False

    def add(self, entry: LogLine) -> None:
        self.lines.extend(entry.message.split("\n"))
        self.last = entry
        self.entries += 1
        if entry.message.lstrip().startswith("Traceback"):
            # A chained exception starts a traceback of its own inside this trace.
            self.python_done = _ends_python_text(entry)
        else:
            self.python_done = self.python_done or _ends_python(self, entry.message)

    def event(self) -> Event:
        text = "\n".join(self.lines).rstrip()
        return Event(
            timestamp=self.first.timestamp,
            severity=self.first.severity,
            text=text,
            is_trace=True,
            entries=self.entries,
        )


def gather_events(lines: Sequence[LogLine]) -> list[Event]:
    """Events in log order: single entries as they are, each stack trace as one event."""
    out: list[Event] = []
    trace: _Trace | None = None
    for entry in lines:
        if trace is not None and _continues(trace, entry):
            trace.add(entry)
            continue
        if trace is not None:
            out.append(trace.event())
            trace = None
        trace = _open(entry, out)
        if trace is None:
            out.append(_single(entry))
    if trace is not None:
        out.append(trace.event())
    return out


def _open(entry: LogLine, out: list[Event]) -> _Trace | None:
    first = entry.message.partition("\n")[0]
    start = _ANY_START.match(first)
    if start is not None:
        kind: Kind = start.lastgroup  # type: ignore[assignment]  # the group names are kinds
        return _Trace(kind, entry, entry, entry.message.split("\n"), 1, _ends_python_text(entry))
    if (
        first[:1].isspace()  # a JVM frame is indented; most lines are not
        and _JVM_FRAME.match(first)
        and out
        and not out[-1].is_trace
        and _close_in_time(out[-1], entry)
    ):
        header = out.pop()
        lines = [*header.text.split("\n"), *entry.message.split("\n")]
        head = LogLine(timestamp=header.timestamp, severity=header.severity, message=header.text)
        return _Trace("jvm", head, entry, lines, header.entries + 1)
    return None


def _single(entry: LogLine) -> Event:
    is_trace = False
    if entry.message.count("\n") >= 2:
        lines = entry.message.split("\n")
        is_trace = sum(1 for line in lines if _FRAME.match(line)) >= 2
    return Event(
        timestamp=entry.timestamp,
        severity=entry.severity,
        text=entry.message.rstrip(),
        is_trace=is_trace,
    )


def _continues(trace: _Trace, entry: LogLine) -> bool:
    if not _gap_ok(trace.last.timestamp, entry.timestamp):
        return False
    first = entry.message.split("\n", 1)[0]
    if trace.kind == "python":
        return _python_continues(trace, first)
    if _FRAME.match(first) or _CLOSING.match(first):
        return True
    if trace.kind == "go":
        return not first.strip() or bool(_GO_CALL.match(first))
    return first[:1].isspace() and bool(first.strip())


def _python_continues(trace: _Trace, first: str) -> bool:
    if not trace.python_done:
        return True
    if not first.strip() or _CHAIN.match(first):
        return True
    last = next((line for line in reversed(trace.lines) if line.strip()), "")
    return bool(_CHAIN.match(last)) and first.lstrip().startswith("Traceback")


def _ends_python(trace: _Trace, message: str) -> bool:
    return trace.kind == "python" and _ends_python_text_lines(message.split("\n"))


def _ends_python_text(entry: LogLine) -> bool:
    lines = entry.message.split("\n")
    return len(lines) > 1 and _ends_python_text_lines(lines[1:])


def _ends_python_text_lines(lines: list[str]) -> bool:
    last = next((line for line in reversed(lines) if line.strip()), "")
    return bool(last) and not last[:1].isspace() and not _CHAIN.match(last)


def _gap_ok(before: datetime | None, after: datetime | None) -> bool:
    if before is None or after is None:
        return True
    return abs((after - before).total_seconds()) <= MAX_GAP_SECONDS


def _close_in_time(event: Event, entry: LogLine) -> bool:
    return _gap_ok(event.timestamp, entry.timestamp)
