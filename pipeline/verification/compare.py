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
_IMPROVED = 0.5  # a key signal must at least halve for the problem to count as gone


class Measure(BaseModel):
    """One number, before and after (higher is worse); ``key`` measures decide recovery."""

    name: str
    unit: str
    before: float | None
    after: float | None
    key: bool = False

    def improved(self) -> bool:
        """At most half of what it was (or nothing to improve on)."""
        if self.before is None or self.after is None or self.before <= 0:
            return True
        return self.after <= self.before * _IMPROVED


def measures(kind: IssueKind | None, before: ConfirmInputs, after: ConfirmInputs) -> list[Measure]:
    """The numbers that show whether the problem went away (higher is worse for all)."""
    saturation = kind is IssueKind.RESOURCE_SATURATION
    out: list[Measure] = []
    if kind in (IssueKind.MEMORY_LEAK, IssueKind.RESOURCE_SATURATION, IssueKind.CRASH, None):
        share = _share(before.memory), _share(after.memory)
        out.append(_m("memory, mean share of limit", "%", *share, key=saturation))
        growth = _slope(before.memory), _slope(after.memory)
        out.append(_m("memory growth", "GB/h", *growth, key=kind is IssueKind.MEMORY_LEAK))
    if kind in (IssueKind.RESOURCE_SATURATION, IssueKind.ANOMALY):
        cpu = _share(before.cpu), _share(after.cpu)
        out.append(_m("CPU, mean share of limit", "%", *cpu, key=saturation))
    if kind in (IssueKind.ERROR_RATE, IssueKind.ANOMALY, None):
        errors = _error_rate(before), _error_rate(after)
        out.append(_m("5xx responses", "%", *errors, key=kind is IssueKind.ERROR_RATE))
    if kind in (IssueKind.LATENCY, IssueKind.ANOMALY):
        p95 = _p95(before), _p95(after)
        out.append(_m("p95 latency (median)", "ms", *p95, key=kind is IssueKind.LATENCY))
    if kind is IssueKind.CRASH:
        out.append(_m("crashes and restarts", "", _crashes(before), _crashes(after), key=True))
    return [m for m in out if m.before is not None or m.after is not None]


def outcome(after_verdict: Verdict, compared: list[Measure]) -> Outcome:
    """Recovered: the rules confirm no problem and every key signal at least halved.

    The rules alone are not enough: right after a deploy restarts a leaking service, there is
    too little history to fit a trend, yet its growth rate already says the leak is still there.
    """
    if not after_verdict.confirmed:
        return "recovered" if all(m.improved() for m in compared if m.key) else "not_recovered"
    for m in compared:
        if (
            m.before is not None
            and m.after is not None
            and m.before > 0
            and m.after >= m.before * _WORSE
        ):
            return "worse"
    return "not_recovered"


def _m(name: str, unit: str, before: float | None, after: float | None, *, key: bool) -> Measure:
    return Measure(name=name, unit=unit, before=before, after=after, key=key)


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
