"""Latency: p95 request duration above the threshold, sustained, and not the usual daily peak."""

from __future__ import annotations

import statistics

from pipeline.detection.inputs import MetricSlice
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.reference import recent_reference, usual_for_time_of_day
from pipeline.detection.sustain import Tally, needed_samples, tally
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import quantity

RULE = "p95_latency"


def check_latency(s: MetricSlice, policy: DetectionPolicy) -> Verdict:
    """Confirm when p95 stays above the threshold; one slow bucket is a spike."""
    slow = [p.value >= policy.p95_threshold_ms for p in s.recent]
    usual = [x and usual_for_time_of_day(s, p, policy) for x, p in zip(slow, s.recent, strict=True)]
    flags = [x and not u for x, u in zip(slow, usual, strict=True)]
    needed = needed_samples(s.window.seconds, s.step_seconds, policy)
    count = tally(flags, s.remaining_samples(), needed, s.step_seconds)
    return Verdict(
        decision=count.decision,
        kind=IssueKind.LATENCY,
        rule=RULE,
        reason=_reason(s, count, sum(usual), policy),
        evidence=_evidence(s, count, policy),
        window=s.window,
    )


def _reason(s: MetricSlice, count: Tally, usual: int, policy: DetectionPolicy) -> str:
    bar = quantity(policy.p95_threshold_ms, s.unit)
    if count.decision is Decision.CONFIRM:
        return f"p95 latency stayed above {bar}: {count.describe()}"
    if usual and count.hits < count.needed:
        return f"p95 latency above {bar} is usual at this time of day (seen on previous days)"
    return f"p95 latency above {bar} in only {count.describe()}"


def _evidence(s: MetricSlice, count: Tally, policy: DetectionPolicy) -> tuple[Evidence, ...]:
    items = [
        count.evidence(
            s.name,
            "slow samples",
            f"p95 ≥ {quantity(policy.p95_threshold_ms, s.unit)} in {count.describe()}; "
            f"window {s.window.describe()}",
            start=s.window.start,
            end=s.window.end,
        )
    ]
    baseline = recent_reference(s, policy)
    if s.recent:
        middle = statistics.median(p.value for p in s.recent)
        before = (
            f" vs {quantity(baseline.spread.location, s.unit)} over {baseline.source}"
            if baseline
            else ""
        )
        items.append(
            Evidence(
                signal=s.name,
                measure="median p95 in window",
                value=middle,
                unit=s.unit,
                threshold=policy.p95_threshold_ms,
                start=s.window.start,
                end=s.recent[-1].ts,
                text=f"median p95 in window {quantity(middle, s.unit)}{before}",
            )
        )
    return tuple(items)
