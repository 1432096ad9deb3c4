"""Log digests: events grouped by template, errors first, with counts and first/last seen.

Every distinct stack trace template is kept once, whole. Lines written just before an error
first appeared are marked, because they often say what the process was doing when it failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from pipeline.context.levels import Level, Levels
from pipeline.context.logs import LogLine
from pipeline.context.templating import Templates
from pipeline.context.traces import Event, gather_events

# How many events before an error, and how soon before it, count as its lead-up.
LEAD_UP_EVENTS = 3
LEAD_UP_SECONDS = 10.0


class TemplateGroup(BaseModel):
    """Events sharing one template."""

    model_config = ConfigDict(frozen=True)

    template: str
    level: Level
    count: int
    first_seen: datetime | None
    last_seen: datetime | None
    example: str
    is_trace: bool
    precedes_error: bool = False

    @property
    def rank(self) -> int:
        """0 for errors, then warnings, lead-up info, other info, debug."""
        if self.level >= Level.ERROR:
            return 0
        if self.level >= Level.WARNING:
            return 1
        if self.level < Level.INFO:
            return 4
        return 2 if self.precedes_error else 3


class LogDigest(BaseModel):
    """A log stream condensed into template groups, most important first."""

    model_config = ConfigDict(frozen=True)

    source: str
    total_entries: int
    total_events: int
    start: datetime | None
    end: datetime | None
    groups: tuple[TemplateGroup, ...]

    def count_at(self, level: Level) -> int:
        """How many groups are at ``level``."""
        return sum(1 for g in self.groups if g.level == level)


def digest_logs(lines: Sequence[LogLine], source: str) -> LogDigest:
    """Group ``lines`` (oldest first) into templates, errors first, then warnings, then by count."""
    events = gather_events(lines)
    level = Levels()
    levels = [level(e.severity, e.text) for e in events]
    groups: dict[tuple[Level, str], list[int]] = {}
    templates = Templates()
    for index, event in enumerate(events):
        key = (levels[index], _template(event, templates))
        groups.setdefault(key, []).append(index)
    onsets = [members[0] for (level, _), members in groups.items() if level >= Level.ERROR]
    lead_up = _lead_up(events, levels, onsets)
    built = [_group(key, members, events, lead_up) for key, members in groups.items()]
    built.sort(key=_order)
    stamps = [line.timestamp for line in lines if line.timestamp is not None]
    return LogDigest(
        source=source,
        total_entries=len(lines),
        total_events=len(events),
        start=min(stamps, default=None),
        end=max(stamps, default=None),
        groups=tuple(built),
    )


def _template(event: Event, templates: Templates) -> str:
    return "\n".join(templates(line) for line in event.text.split("\n") if line.strip())


def _group(
    key: tuple[Level, str], members: list[int], events: list[Event], lead_up: set[int]
) -> TemplateGroup:
    level, template = key
    stamps = [s for s in (events[i].timestamp for i in members) if s is not None]
    first = events[members[0]]
    return TemplateGroup(
        template=template,
        level=level,
        count=len(members),
        first_seen=min(stamps, default=None),
        last_seen=max(stamps, default=None),
        example=first.text,
        is_trace=first.is_trace,
        precedes_error=any(i in lead_up for i in members),
    )


def _lead_up(events: list[Event], levels: list[Level], onsets: list[int]) -> set[int]:
    marked: set[int] = set()
    for index in onsets:
        for before in range(max(0, index - LEAD_UP_EVENTS), index):
            if levels[before] < Level.ERROR and _soon(events[before], events[index]):
                marked.add(before)
    return marked


def _soon(before: Event, after: Event) -> bool:
    if before.timestamp is None or after.timestamp is None:
        return True
    return 0 <= (after.timestamp - before.timestamp).total_seconds() <= LEAD_UP_SECONDS


def _order(group: TemplateGroup) -> tuple[int, int, float]:
    seen = group.first_seen.timestamp() if group.first_seen is not None else float("inf")
    return group.rank, -group.count, seen
