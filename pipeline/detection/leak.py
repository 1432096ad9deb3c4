"""Memory leak: steady growth towards the limit, or the OOM sawtooth it leaves behind.

Like Prometheus ``predict_linear``: a least-squares line over the recent climb, extrapolated
to the limit. A restart cuts memory back, so only points after the last drop are fitted.
Growth must be a line, not a jump: a batch job or a cache fill steps up once and stays,
which a one-change-point step fits better. Right after an OOM restart the new climb is too
short to fit; then the climb that hit the limit, and memory rising again since, are the
evidence (climb, drop, climb again).
"""

from __future__ import annotations

from pipeline.detection.climb import Climb, Drop, Trend, restart_drops
from pipeline.detection.inputs import MetricSlice
from pipeline.detection.leak_evidence import climb_again, fit_evidence, restart_evidence
from pipeline.detection.linear_fit import LinearFit
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import clock, span
from pipeline.series import Point

RULE = "memory_leak_trend"
SAWTOOTH_RULE = "memory_leak_sawtooth"


def check_leak(s: MetricSlice, policy: DetectionPolicy) -> Verdict:
    """Confirm when memory grows steadily to the limit within the horizon, or saws at it."""
    if s.limit is None:
        return _verdict(s, Decision.DISMISS, RULE, f"{s.name} has no known limit", ())
    points = [*s.history, *s.recent]
    drops = restart_drops(points, s.limit, policy)
    sawtooth = _sawtooth(s, points, drops, s.limit, policy)
    pending = Decision.WAIT if s.remaining_samples() else Decision.DISMISS
    climb = Climb.ending_at(points, len(points), drops, policy.leak_fit_seconds)
    restarts = restart_evidence(s, points, drops)
    if not climb.long_enough(policy):
        if sawtooth is not None:
            return sawtooth
        reason = f"too little {s.name} history since the last restart to fit a trend"
        return _verdict(s, pending, RULE, reason, restarts)
    trend = Trend.of(climb, s.limit)
    soon = trend.until is not None and trend.until <= policy.leak_horizon_seconds
    evidence = (*fit_evidence(s, climb, trend, policy), *restarts)
    if trend.growing(policy) and soon and trend.is_line:
        reason = f"{s.name} grows steadily and is projected to reach its limit in "
        return _verdict(s, Decision.CONFIRM, RULE, reason + span(trend.until or 0), evidence)
    if sawtooth is not None:
        return sawtooth
    return _verdict(s, pending, RULE, _why_not(s, trend, soon, policy), evidence)


def _sawtooth(
    s: MetricSlice, points: list[Point], drops: list[Drop], limit: float, policy: DetectionPolicy
) -> Verdict | None:
    if not drops or points[drops[-1].peak].value < policy.memory_threshold * limit:
        return None
    last = drops[-1]
    previous = Climb.ending_at(points, last.peak + 1, drops, policy.leak_fit_seconds)
    if not previous.long_enough(policy):
        return None
    before = Trend.of(previous, limit)
    again = points[last.bottom :]
    if not (before.growing(policy) and before.is_line) or len(again) < 3:
        return None
    after = LinearFit.of(again)
    if after.slope <= 0 or after.t_stat < policy.leak_min_t:
        return None
    evidence = (
        *fit_evidence(s, previous, before, policy)[:1],
        *restart_evidence(s, points, drops),
        climb_again(s, again, after),
    )
    reason = (
        f"{s.name} climbed steadily to its limit, restarted at {clock(points[last.bottom].ts)} UTC "
        "and is climbing again (OOM sawtooth)"
    )
    return _verdict(s, Decision.CONFIRM, SAWTOOTH_RULE, reason, evidence)


def _why_not(s: MetricSlice, trend: Trend, soon: bool, policy: DetectionPolicy) -> str:
    if not trend.growing(policy):
        return f"{s.name} shows no significant growth"
    if not trend.is_line:
        return f"{s.name} rose in one jump, not a steady climb: not a leak"
    return f"{s.name} grows too slowly to reach its limit within the horizon"


def _verdict(
    s: MetricSlice, decision: Decision, rule: str, reason: str, evidence: tuple[Evidence, ...]
) -> Verdict:
    return Verdict(
        decision=decision,
        kind=IssueKind.MEMORY_LEAK,
        rule=rule,
        reason=reason,
        evidence=evidence,
        window=s.window,
    )
