"""Saturation: CPU or memory held near the service's limit, not just touching it once."""

from __future__ import annotations

import statistics
from bisect import bisect_right
from dataclasses import dataclass

from pipeline.detection.climb import restart_drops
from pipeline.detection.inputs import MetricSlice
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.reference import usual_for_time_of_day
from pipeline.detection.sustain import Tally, needed_samples, tally
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import percent, period, quantity
from pipeline.series import Point


@dataclass(frozen=True)
class Saturation:
    """Which rule, the share of the limit that counts as near it, and how long it must hold."""

    rule: str
    threshold: float
    hold_seconds: int
    since_restart: bool = False

    @classmethod
    def cpu(cls, policy: DetectionPolicy) -> Saturation:
        """CPU: held for the sustained share of the window."""
        return cls("cpu_saturation", policy.cpu_threshold, policy.cpu_hold_seconds)

    @classmethod
    def memory(cls, policy: DetectionPolicy) -> Saturation:
        """Memory: held longer, since a short jump (a batch, a cache fill) is normal.

        A restart empties memory, so only samples since the last one count (the climb before
        an OOM kill is the leak rule's evidence, not a level that is still held).
        """
        return cls("memory_saturation", policy.memory_threshold, policy.memory_hold_seconds, True)


def check_saturation(s: MetricSlice, spec: Saturation, policy: DetectionPolicy) -> Verdict:
    """Confirm when the signal sits at or above the threshold for long enough."""
    if s.limit is None:
        return _verdict(s, spec, Decision.DISMISS, f"{s.name} has no known limit", ())
    hold = max(spec.hold_seconds, s.window.seconds)
    since = s.window.end - hold
    counted = [*s.history[bisect_right(s.history_ts, since) :]]
    counted += [p for p in s.recent if p.ts <= s.window.end]
    drops = restart_drops(counted, s.limit, policy) if spec.since_restart else []
    counted = counted[drops[-1].bottom :] if drops else counted
    level = spec.threshold * s.limit
    high = [p.value >= level for p in counted]
    usual = [h and usual_for_time_of_day(s, p, policy) for h, p in zip(high, counted, strict=True)]
    flags = [h and not u for h, u in zip(high, usual, strict=True)]
    needed = needed_samples(hold, s.step_seconds, policy)
    count = tally(flags, s.remaining_samples(), needed, s.step_seconds)
    evidence = _evidence(s, spec, count, counted, sum(usual))
    return _verdict(s, spec, count.decision, _reason(s, spec, count, sum(usual)), evidence)


def _reason(s: MetricSlice, spec: Saturation, count: Tally, usual: int) -> str:
    near = f"at or above {percent(spec.threshold)} of its limit"
    if count.decision is Decision.CONFIRM:
        return f"{s.name} held {near}: {count.describe()}"
    if usual and count.hits < count.needed:
        return f"{s.name} is {near} as usual at this time of day (seen on previous days)"
    return f"{s.name} was {near} in only {count.describe()}"


def _verdict(
    s: MetricSlice, spec: Saturation, decision: Decision, reason: str, ev: tuple[Evidence, ...]
) -> Verdict:
    return Verdict(
        decision=decision,
        kind=IssueKind.RESOURCE_SATURATION,
        rule=spec.rule,
        reason=reason,
        evidence=ev,
        window=s.window,
    )


def _evidence(
    s: MetricSlice, spec: Saturation, count: Tally, counted: list[Point], usual: int
) -> tuple[Evidence, ...]:
    limit = s.limit or 0.0
    level = spec.threshold * limit
    if not counted:
        return ()
    first, last = counted[0].ts, counted[-1].ts
    peak = max(p.value for p in counted)
    middle = statistics.median(p.value for p in counted)
    seasonal = f"; {usual} of those samples were usual for this time of day" if usual else ""
    return (
        count.evidence(
            s.name,
            "samples near limit",
            f"{s.name} ≥ {percent(spec.threshold)} of the {quantity(limit, s.unit)} "
            f"limit ({quantity(level, s.unit)}) in {count.describe()}, "
            f"{period(first, last)}{seasonal}",
            start=first,
            end=last,
        ),
        Evidence(
            signal=s.name,
            measure="median share of limit",
            value=middle / limit,
            unit="ratio",
            threshold=spec.threshold,
            start=first,
            end=last,
            text=f"median {quantity(middle, s.unit)} ({percent(middle / limit)} of limit), "
            f"peak {quantity(peak, s.unit)} ({percent(peak / limit)})",
        ),
    )
