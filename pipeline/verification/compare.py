"""Before and after: the incident's signal over its own window and over the window after the fix."""

from __future__ import annotations

from statistics import fmean, median
from typing import Literal

from pydantic import BaseModel

from pipeline.detection.inputs import ConfirmInputs, MetricSlice
from pipeline.detection.linear_fit import LinearFit
from pipeline.detection.verdict import IssueKind, Verdict

Outcome = Literal["recovered", "not_recovered", "worse"]
_WORSE = 1.10  # "worse" is at least 10% further from healthy than before the fix


class Measure(BaseModel):
    """One number, before and after, and which direction is better."""

    name: str
    unit: str
    before: float | None
    after: float | None


def measures(kind: IssueKind | None, before: ConfirmInputs, after: ConfirmInputs) -> list[Measure]:
    """The numbers that show whether the incident's problem went away (higher is worse for all)."""
    out: list[Measure] = []
    if kind in (IssueKind.MEMORY_LEAK, IssueKind.RESOURCE_SATURATION, IssueKind.CRASH, None):
        out.append(
            Measure(
                name="memory, mean share of limit",
                unit="%",
                before=_share(before.memory),
                after=_share(after.memory),
            )
        )
        out.append(
            Measure(
                name="memory growth",
                unit="GB/h",
                before=_slope(before.memory),
                after=_slope(after.memory),
            )
        )
    if kind in (IssueKind.RESOURCE_SATURATION, IssueKind.ANOMALY):
        out.append(
            Measure(
                name="CPU, mean share of limit",
                unit="%",
                before=_share(before.cpu),
                after=_share(after.cpu),
            )
        )
    if kind in (IssueKind.ERROR_RATE, IssueKind.ANOMALY, None):
        out.append(
            Measure(
                name="5xx responses", unit="%", before=_error_rate(before), after=_error_rate(after)
            )
        )
    if kind in (IssueKind.LATENCY, IssueKind.ANOMALY):
        out.append(
            Measure(name="p95 latency (median)", unit="ms", before=_p95(before), after=_p95(after))
        )
    if kind is IssueKind.CRASH:
        out.append(
            Measure(
                name="crashes and restarts", unit="", before=_crashes(before), after=_crashes(after)
            )
        )
    return [m for m in out if m.before is not None or m.after is not None]


def outcome(after_verdict: Verdict, compared: list[Measure]) -> Outcome:
    """Recovered if the rules confirm no problem; worse if a measure grew by 10% or more."""
    if not after_verdict.confirmed:
        return "recovered"
    for m in compared:
        if (
            m.before is not None
            and m.after is not None
            and m.before > 0
            and m.after >= m.before * _WORSE
        ):
            return "worse"
    return "not_recovered"


def _window(s: MetricSlice | None) -> list[float]:
    return [p.value for p in s.recent] if s else []


def _share(s: MetricSlice | None) -> float | None:
    values = _window(s)
    if not values or s is None or not s.limit:
        return None
    return round(100 * fmean(values) / s.limit, 1)


def _slope(s: MetricSlice | None) -> float | None:
    if s is None or len(s.recent) < 3:
        return None
    try:
        fit = LinearFit.of(s.recent)
    except ValueError:
        return None
    return round(fit.slope * 3600, 3)


def _error_rate(inputs: ConfirmInputs) -> float | None:
    rows = inputs.http.recent if inputs.http else ()
    total = sum(r.total for r in rows)
    return round(100 * sum(r.server_errors for r in rows) / total, 2) if total else None


def _p95(inputs: ConfirmInputs) -> float | None:
    values = _window(inputs.latency_p95)
    return round(median(values), 0) if values else None


def _crashes(inputs: ConfirmInputs) -> float | None:
    if inputs.deployments is None:
        return None
    window = inputs.window
    bad = ("CRASHED", "OOM_KILLED", "RESTARTED", "FAILED")
    return float(
        sum(
            1
            for e in inputs.deployments.events
            if window.start <= e.ts <= window.end and e.status in bad
        )
    )
