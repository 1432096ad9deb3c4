from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipeline.context.logs import LogLine
from pipeline.context.traces import gather_events

T0 = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)

PYTHON = [
    "Traceback (most recent call last):",
    '  File "/app/a.py", line 3, in <module>',
    "    main()",
    '  File "/app/a.py", line 2, in main',
    "    1/0",
    "ZeroDivisionError: division by zero",
]
PYTHON_CHAINED = [
    *PYTHON,
    "",
    "During handling of the above exception, another exception occurred:",
    "",
    "Traceback (most recent call last):",
    '  File "/app/a.py", line 9, in <module>',
    "    handle()",
    "RuntimeError: handler failed",
]
NODE = [
    "TypeError: Cannot read properties of undefined (reading 'id')",
    "    at handler (/app/dist/x.js:10:5)",
    "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
]
JAVA = [
    'Exception in thread "main" java.lang.IllegalStateException: boom',
    "\tat com.acme.App.run(App.java:12)",
    "\tat com.acme.App.main(App.java:5)",
    "Caused by: java.io.IOException: disk full",
    "\tat com.acme.Disk.write(Disk.java:40)",
    "\t... 2 more",
]
GO = [
    "panic: runtime error: index out of range [5] with length 3",
    "",
    "goroutine 1 [running]:",
    "main.main()",
    "\t/app/main.go:12 +0x1d",
    "exit status 2",
]


def _entries(messages: list[str], start: datetime = T0, step_ms: int = 1) -> list[LogLine]:
    return [
        LogLine(timestamp=start + timedelta(milliseconds=i * step_ms), severity="error", message=m)
        for i, m in enumerate(messages)
    ]


@pytest.mark.parametrize(
    "trace", [PYTHON, PYTHON_CHAINED, NODE, JAVA, GO], ids=["py", "py-chain", "node", "java", "go"]
)
def test_consecutive_entries_of_a_trace_become_one_event(trace: list[str]) -> None:
    lines = _entries(["INFO: before", *trace, "INFO: after"])
    events = gather_events(lines)
    assert [e.text for e in events] == ["INFO: before", "\n".join(trace), "INFO: after"]
    assert [e.is_trace for e in events] == [False, True, False]
    assert events[1].entries == len(trace)


@pytest.mark.parametrize("trace", [PYTHON, NODE, JAVA])
def test_a_trace_in_one_entry_is_one_trace_event(trace: list[str]) -> None:
    events = gather_events(_entries(["\n".join(trace)]))
    assert len(events) == 1
    assert events[0].is_trace


def test_a_pause_splits_entries_that_would_otherwise_join() -> None:
    lines = _entries(NODE, step_ms=5000)
    assert len(gather_events(lines)) == len(NODE)


def test_two_tracebacks_in_a_row_stay_apart() -> None:
    events = gather_events(_entries([*PYTHON, *PYTHON]))
    assert [e.text for e in events] == ["\n".join(PYTHON)] * 2


def test_plain_lines_pass_through_unchanged() -> None:
    lines = _entries(["one", "two", "  indented but not a trace"])
    assert [e.text for e in gather_events(lines)] == ["one", "two", "  indented but not a trace"]
