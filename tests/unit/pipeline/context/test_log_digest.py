from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline.context.levels import Level
from pipeline.context.log_digest import digest_logs
from pipeline.context.logs import LogLine
from tests.unit.pipeline.context.sample_logs import PY_TRACE, incident_logs

T0 = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


def _line(second: int, message: str, severity: str = "info") -> LogLine:
    return LogLine(timestamp=T0 + timedelta(seconds=second), severity=severity, message=message)


def test_groups_by_template_with_counts_and_first_and_last_seen() -> None:
    lines = [_line(i, f"GET /api/orders/{i} 200 in {i + 3}ms") for i in range(5)]
    digest = digest_logs(lines, "deploy")
    (group,) = digest.groups
    assert group.count == 5
    assert group.first_seen == T0
    assert group.last_seen == T0 + timedelta(seconds=4)
    assert group.example == "GET /api/orders/0 200 in 3ms"


def test_errors_come_first_then_warnings_then_by_count() -> None:
    lines = [
        *(_line(i, "chatty info") for i in range(10)),
        *(_line(i, "WARNING slow") for i in range(3)),
        *(_line(i, "rare info") for i in range(2)),
        _line(50, "ERROR kaput"),
    ]
    digest = digest_logs(lines, "deploy")
    assert [g.template for g in digest.groups] == [
        "ERROR kaput",
        "WARNING slow",
        "chatty info",
        "rare info",
    ]


def test_lines_just_before_an_error_are_marked_as_lead_up() -> None:
    lines = [_line(0, "booted"), _line(100, "connecting to db"), _line(101, "ERROR db down")]
    by_template = {g.template: g for g in digest_logs(lines, "deploy").groups}
    assert by_template["connecting to db"].precedes_error
    assert not by_template["booted"].precedes_error


def test_each_distinct_trace_is_kept_once_whole() -> None:
    lines = incident_logs(minutes=8)
    digest = digest_logs(lines, "deploy")
    traces = [g for g in digest.groups if g.is_trace]
    python = [g for g in traces if g.example.startswith("Traceback")]
    assert len(python) == 1
    assert python[0].example.count("\n") == len(PY_TRACE) - 1
    assert python[0].level is Level.ERROR
    assert python[0].count > 1


def test_digest_reports_totals_and_window() -> None:
    lines = incident_logs(minutes=3)
    digest = digest_logs(lines, "deploy")
    assert digest.total_entries == len(lines)
    assert digest.total_events < len(lines)
    assert digest.start == lines[0].timestamp
    assert sum(g.count for g in digest.groups) == digest.total_events


def test_empty_log_gives_an_empty_digest() -> None:
    digest = digest_logs([], "build")
    assert digest.groups == ()
    assert digest.start is None
