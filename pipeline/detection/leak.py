"""Memory leak: steady growth that a fitted line projects onto the limit soon.

Like Prometheus ``predict_linear``: least squares over the recent history, extrapolated. A
restart cuts memory back (the OOM sawtooth: climb, drop, climb again), so only the points
after the last drop are fitted. Growth must be a line, not a jump: a batch job or a cache
fill steps up once and stays, which a one-change-point step fits better.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.detection.inputs import MetricSlice
from pipeline.detection.linear_fit import LinearFit, best_step_sse
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import clock, number, percent, period, quantity, span
from pipeline.series import Point

RULE = "memory_leak_trend"
# A trend needs this many points, however coarse.
_MIN_POINTS = 10


@dataclass(frozen=True)
class Climb:
    """The points fitted (since the last restart, within the fit span) and every restart seen."""

    points: list[Point]
    restarts: list[tuple[Point, Point]]


def find_climb(points: list[Point], limit: float, policy: DetectionPolicy) -> Climb:
    """The last climb: points after the last restart-sized drop, within the fit span."""
    drop = policy.leak_restart_drop * limit
    drops = [i for i in range(1, len(points)) if points[i - 1].value - points[i].value >= drop]
    newest = points[-1].ts if points else 0
    start = drops[-1] if drops else 0
    while start < len(points) and points[start].ts <= newest - policy.leak_fit_seconds:
        start += 1
    return Climb(points[start:], [(points[i - 1], points[i]) for i in drops])


@dataclass(frozen=True)
class Trend:
    """The fitted line over a climb and what it says: how soon the limit, line or jump."""

    fit: LinearFit
    newest: int
    until: float | None
    step_sse: float

    @classmethod
    def of(cls, climb: Climb, limit: float) -> Trend:
        """Fit ``climb`` and project it onto ``limit`` from its newest point."""
        fit = LinearFit.of(climb.points)
        newest = climb.points[-1].ts
        step_sse = best_step_sse([p.value for p in climb.points])
        return cls(fit, newest, fit.seconds_until(limit, newest), step_sse)

    @property
    def is_line(self) -> bool:
        """A straight line explains the climb better than a single jump does."""
        return self.fit.sse < self.step_sse


def check_leak(s: MetricSlice, policy: DetectionPolicy) -> Verdict:
    """Confirm a leak when memory grows steadily and would reach the limit within the horizon."""
    if s.limit is None:
        return _verdict(s, Decision.DISMISS, f"{s.name} has no known limit to project onto", ())
    climb = find_climb([*s.history, *s.recent], s.limit, policy)
    pending = Decision.WAIT if s.remaining_samples() else Decision.DISMISS
    covered = climb.points[-1].ts - climb.points[0].ts if climb.points else 0
    if len(climb.points) < _MIN_POINTS or covered < policy.leak_fit_seconds / 2:
        reason = f"too little {s.name} history since the last restart to fit a trend"
        return _verdict(s, pending, reason, _restart_evidence(s, climb))
    trend = Trend.of(climb, s.limit)
    growing = trend.fit.slope > 0 and trend.fit.t_stat >= policy.leak_min_t
    soon = trend.until is not None and trend.until <= policy.leak_horizon_seconds
    evidence = (*_fit_evidence(s, climb, trend, policy), *_restart_evidence(s, climb))
    if growing and soon and trend.is_line:
        reason = f"{s.name} grows steadily and is projected to reach its limit in " + span(
            trend.until or 0
        )
        return _verdict(s, Decision.CONFIRM, reason, evidence)
    return _verdict(s, pending, _why_not(s, growing, soon, trend.is_line), evidence)


def _why_not(s: MetricSlice, growing: bool, soon: bool, is_line: bool) -> str:
    if not growing:
        return f"{s.name} shows no significant growth"
    if not is_line:
        return f"{s.name} rose in one jump, not a steady climb: not a leak"
    return f"{s.name} grows too slowly to reach its limit within the horizon"


def _verdict(
    s: MetricSlice, decision: Decision, reason: str, evidence: tuple[Evidence, ...]
) -> Verdict:
    return Verdict(
        decision=decision,
        kind=IssueKind.MEMORY_LEAK,
        rule=RULE,
        reason=reason,
        evidence=evidence,
        window=s.window,
    )


def _fit_evidence(
    s: MetricSlice, climb: Climb, trend: Trend, policy: DetectionPolicy
) -> tuple[Evidence, ...]:
    first, last = climb.points[0].ts, climb.points[-1].ts
    return (
        _growth(s, trend, first, last, policy),
        _projection(s, trend, first, last, policy),
        Evidence(
            signal=s.name,
            measure="line vs step residuals",
            value=trend.fit.sse,
            unit=f"{s.unit}²",
            threshold=trend.step_sse,
            start=first,
            end=last,
            text=f"a straight line leaves residuals {number(trend.fit.sse)} vs "
            f"{number(trend.step_sse)} for the best single jump (a leak needs the line to fit "
            "better)",
        ),
    )


def _growth(
    s: MetricSlice, trend: Trend, first: int, last: int, policy: DetectionPolicy
) -> Evidence:
    limit = s.limit or 0.0
    per_hour = trend.fit.slope * 3600
    now = trend.fit.at(trend.newest)
    return Evidence(
        signal=s.name,
        measure="growth per hour",
        value=per_hour,
        unit=f"{s.unit}/h",
        start=first,
        end=last,
        text=f"{s.name} grows {quantity(per_hour, s.unit)}/h (least squares over "
        f"{period(first, last)}, {trend.fit.count} samples, t = {trend.fit.t_stat:.1f}; "
        f"needs t ≥ {policy.leak_min_t:g}); now {quantity(now, s.unit)} = "
        f"{percent(now / limit)} of the {quantity(limit, s.unit)} limit",
    )


def _projection(
    s: MetricSlice, trend: Trend, first: int, last: int, policy: DetectionPolicy
) -> Evidence:
    until = trend.until
    if until is None:
        reach = "never at this trend"
    elif until == 0:
        reach = "already"
    else:
        reach = f"in {span(until)} (about {clock(int(trend.newest + until))} UTC)"
    return Evidence(
        signal=s.name,
        measure="time to limit",
        value=until if until is not None else -1.0,
        unit="s",
        threshold=policy.leak_horizon_seconds,
        start=first,
        end=last,
        text=f"projected to reach the limit {reach}; horizon {span(policy.leak_horizon_seconds)}",
    )


def _restart_evidence(s: MetricSlice, climb: Climb) -> tuple[Evidence, ...]:
    if not climb.restarts:
        return ()
    before, after = climb.restarts[-1]
    count = len(climb.restarts)
    return (
        Evidence(
            signal=s.name,
            measure="restart drops",
            value=count,
            unit="drops",
            start=before.ts,
            end=after.ts,
            text=f"{count} restart-sized drop(s) in the history (climb, drop, climb: the OOM "
            f"sawtooth); the last at {clock(after.ts)} UTC from "
            f"{quantity(before.value, s.unit)} to {quantity(after.value, s.unit)}",
        ),
    )
