"""A log digest as a context section, in renditions from everything to one line per error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipeline.context.levels import Level
from pipeline.context.log_digest import LogDigest, TemplateGroup
from pipeline.context.sections import PRIORITY_HIGH, Section
from pipeline.context.trace_text import cut_middle, fold_library_frames, one_line


@dataclass(frozen=True)
class Detail:
    """How much of a digest one rendition shows."""

    max_rank: int
    max_warnings: int | None
    example_chars: int
    trace_lines: int
    fold_library: bool
    line_chars: int
    one_line_traces: bool = False


def details(max_trace_lines: int) -> tuple[Detail, ...]:
    """Renditions, fullest first: debug, then info, then examples and trace lines give way."""
    return (
        Detail(4, None, 400, max_trace_lines, False, 1000),
        Detail(3, None, 400, max_trace_lines, False, 1000),
        Detail(2, None, 300, max_trace_lines, True, 600),
        Detail(1, 20, 200, min(30, max_trace_lines), True, 400),
        Detail(1, 5, 0, min(15, max_trace_lines), True, 300),
        Detail(0, 0, 0, min(8, max_trace_lines), True, 240),
        Detail(0, 0, 0, 2, True, 160, one_line_traces=True),
    )


def log_section(
    digest: LogDigest,
    title: str,
    *,
    key: str | None = None,
    priority: int = PRIORITY_HIGH,
    max_trace_lines: int = 60,
) -> Section:
    """``digest`` as a section whose renditions shed detail in the order the budget needs."""
    variants: list[str] = []
    for detail in details(max_trace_lines):
        body = render_digest(digest, detail)
        if not variants or variants[-1] != body:
            variants.append(body)
    return Section(
        key=key or f"logs.{digest.source}", title=title, variants=tuple(variants), priority=priority
    )


def render_digest(digest: LogDigest, detail: Detail) -> str:
    """The digest's header, its shown groups, and what was left out."""
    shown, omitted = _select(digest.groups, detail)
    lines = [_header(digest)]
    for group in shown:
        lines.extend(_group_lines(group, detail, digest.start))
    if omitted:
        events = sum(g.count for g in omitted)
        lines.append(f"(left out: {len(omitted)} lower-level templates, {events} events)")
    return "\n".join(lines)


def _select(
    groups: tuple[TemplateGroup, ...], detail: Detail
) -> tuple[list[TemplateGroup], list[TemplateGroup]]:
    shown: list[TemplateGroup] = []
    omitted: list[TemplateGroup] = []
    warnings = 0
    for group in groups:
        is_warning = group.rank == 1
        over = is_warning and detail.max_warnings is not None and warnings >= detail.max_warnings
        if group.rank > detail.max_rank or over:
            omitted.append(group)
            continue
        warnings += is_warning
        shown.append(group)
    return shown, omitted


def _header(digest: LogDigest) -> str:
    counts = ", ".join(
        f"{digest.count_at(level)} {level.name.lower()}"
        for level in (Level.ERROR, Level.WARNING, Level.INFO, Level.DEBUG)
        if digest.count_at(level)
    )
    span = ""
    if digest.start is not None and digest.end is not None:
        span = (
            f"; {digest.start.isoformat(timespec='seconds')} to {_clock(digest.end, digest.start)}"
        )
    return (
        f"{digest.total_entries} entries, {digest.total_events} events, "
        f"{len(digest.groups)} templates ({counts or 'none'}){span}"
    )


def _group_lines(group: TemplateGroup, detail: Detail, day: datetime | None) -> list[str]:
    lead = f"- {group.level.name} x{group.count}{_when(group, day)}"
    if group.precedes_error and group.level < Level.ERROR:
        lead += " (just before errors)"
    if group.is_trace:
        return _trace_lines(lead, group, detail)
    text = _clip(group.template, detail.line_chars)
    lines = [f"{lead}: {text}"]
    example = group.example.strip()
    if detail.example_chars and example != group.template and "\n" not in example:
        lines.append(f"  e.g. {_clip(example, detail.example_chars)}")
    return lines


def _trace_lines(lead: str, group: TemplateGroup, detail: Detail) -> list[str]:
    lines = group.example.split("\n")
    if detail.one_line_traces:
        return [f"{lead}, trace: {one_line(lines, detail.line_chars)}"]
    if detail.fold_library:
        lines = fold_library_frames(lines)
    lines = cut_middle(lines, detail.trace_lines)
    return [f"{lead}, trace:", *("    " + _clip(line, detail.line_chars) for line in lines)]


def _when(group: TemplateGroup, day: datetime | None) -> str:
    if group.first_seen is None or group.last_seen is None:
        return ""
    first = _clock(group.first_seen, day)
    if group.first_seen == group.last_seen:
        return f" at {first}"
    return f" {first} to {_clock(group.last_seen, day)}"


def _clock(moment: datetime, day: datetime | None) -> str:
    if day is not None and moment.date() == day.date():
        return moment.strftime("%H:%M:%S")
    return moment.isoformat(timespec="seconds")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
