"""Anomaly: a signal held well above its usual level for this time of day."""

from __future__ import annotations

import statistics

from pipeline.detection.inputs import MetricSlice
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.reference import Reference, usual_reference
from pipeline.detection.robust import Spread
from pipeline.detection.sustain import Tally, needed_samples, tally
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import percent, quantity

RULE = "seasonal_anomaly"


def is_abnormal(value: float, usual: Spread, policy: DetectionPolicy) -> bool:
    """Far above the usual level both statistically (robust z) and in size (relative rise)."""
    return usual.z(value) >= policy.anomaly_z and usual.rise(value) >= policy.anomaly_min_change


def check_anomaly(s: MetricSlice, policy: DetectionPolicy) -> Verdict:
    """Confirm when the window stays abnormal for the sustained share of its length."""
    flags = []
    for point in s.recent:
        usual = usual_reference(s, point.ts, policy)
        flags.append(usual is not None and is_abnormal(point.value, usual.spread, policy))
    needed = needed_samples(s.window.seconds, s.step_seconds, policy)
    count = tally(flags, s.remaining_samples(), needed, s.step_seconds)
    usual = usual_reference(s, s.window.start, policy)
    return Verdict(
        decision=count.decision if usual else Decision.DISMISS,
        kind=IssueKind.ANOMALY,
        rule=RULE,
        reason=_reason(s, count, usual),
        evidence=_evidence(s, count, usual, policy),
        window=s.window,
    )


def _reason(s: MetricSlice, count: Tally, usual: Reference | None) -> str:
    if usual is None:
        return f"{s.name} has no history to compare with"
    held = count.describe()
    if count.decision is Decision.CONFIRM:
        return f"{s.name} stayed far above its usual level: {held}"
    if count.hits == 0 and usual.seasonal:
        return f"{s.name} is within its usual range for this time of day"
    return f"{s.name} was far above its usual level in {held}"


def _evidence(
    s: MetricSlice, count: Tally, usual: Reference | None, policy: DetectionPolicy
) -> tuple[Evidence, ...]:
    window = s.window.describe()
    items = [
        count.evidence(
            s.name,
            "abnormal samples",
            f"{s.name} far above usual (z ≥ {policy.anomaly_z:g} and "
            f"≥ {percent(policy.anomaly_min_change)} above) in {count.describe()}; "
            f"window {window}",
            start=s.window.start,
            end=s.window.end,
        )
    ]
    if usual is not None and s.recent:
        middle = statistics.median(p.value for p in s.recent)
        spread = usual.spread
        items.append(
            Evidence(
                signal=s.name,
                measure="window median vs usual",
                value=middle,
                unit=s.unit,
                threshold=spread.location,
                start=s.window.start,
                end=s.recent[-1].ts,
                text=f"median in window {quantity(middle, s.unit)} vs usual "
                f"{quantity(spread.location, s.unit)} (robust sd "
                f"{quantity(spread.scale, s.unit)}, {usual.source}, n={spread.count}): "
                f"z = {spread.z(middle):.1f}",
            )
        )
    return tuple(items)
