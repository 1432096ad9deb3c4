"""The numbers behind a leak verdict, worded for the pull request body."""

from __future__ import annotations

from pipeline.detection.climb import Climb, Drop, Trend
from pipeline.detection.inputs import MetricSlice
from pipeline.detection.linear_fit import LinearFit
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Evidence
from pipeline.detection.wording import clock, number, percent, period, quantity, span
from pipeline.series import Point


def fit_evidence(
    s: MetricSlice, climb: Climb, trend: Trend, policy: DetectionPolicy
) -> tuple[Evidence, ...]:
    """Growth per hour, projected time to the limit, and line-versus-jump residuals."""
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


def restart_evidence(
    s: MetricSlice, points: list[Point], drops: list[Drop]
) -> tuple[Evidence, ...]:
    """How many restart-sized drops the history shows, and the last one."""
    if not drops:
        return ()
    before, after = points[drops[-1].peak], points[drops[-1].bottom]
    return (
        Evidence(
            signal=s.name,
            measure="restart drops",
            value=len(drops),
            unit="drops",
            start=before.ts,
            end=after.ts,
            text=f"{len(drops)} restart-sized drop(s) in the history (climb, drop, climb: the "
            f"OOM sawtooth); the last at {clock(after.ts)} UTC from "
            f"{quantity(before.value, s.unit)} to {quantity(after.value, s.unit)}",
        ),
    )


def climb_again(s: MetricSlice, again: list[Point], fit: LinearFit) -> Evidence:
    """Memory rising again since the last restart."""
    per_hour = fit.slope * 3600
    first, last = again[0].ts, again[-1].ts
    return Evidence(
        signal=s.name,
        measure="growth since restart per hour",
        value=per_hour,
        unit=f"{s.unit}/h",
        start=first,
        end=last,
        text=f"climbing again since the restart: {quantity(per_hour, s.unit)}/h over "
        f"{period(first, last)} ({fit.count} samples, t = {fit.t_stat:.1f})",
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
        f"needs t ≥ {policy.leak_min_t:g}); at {clock(trend.newest)[11:]} "
        f"{quantity(now, s.unit)} = {percent(now / limit)} of the {quantity(limit, s.unit)} limit",
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
