"""Error rate: a share of 5xx answers above the threshold, on enough traffic, sustained."""

from __future__ import annotations

from bisect import bisect_left

from pipeline.detection.inputs import HttpSlice, RequestCounts
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.sustain import Tally, needed_samples, tally
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import number, percent, span

RULE = "server_error_rate"


def server_error_share(counts: list[RequestCounts] | tuple[RequestCounts, ...]) -> float | None:
    """5xx answers over all answers, or ``None`` without traffic."""
    total = sum(c.total for c in counts)
    return sum(c.server_errors for c in counts) / total if total else None


def check_error_rate(h: HttpSlice, policy: DetectionPolicy) -> Verdict:
    """Confirm when most of the window's steps fail above the threshold on enough requests."""
    flags = [c.total > 0 and c.server_errors / c.total >= policy.error_rate for c in h.recent]
    needed = needed_samples(h.window.seconds, h.step_seconds, policy)
    count = tally(flags, h.remaining_samples(), needed, h.step_seconds)
    total = sum(c.total for c in h.recent)
    share = server_error_share(h.recent) or 0.0
    decision = count.decision
    enough = total >= policy.min_requests and share >= policy.error_rate
    if decision is Decision.CONFIRM and not enough:
        decision = Decision.WAIT if h.remaining_samples() else Decision.DISMISS
    return Verdict(
        decision=decision,
        kind=IssueKind.ERROR_RATE,
        rule=RULE,
        reason=_reason(count, decision, total, share, policy),
        evidence=_evidence(h, count, policy),
        window=h.window,
    )


def _reason(
    count: Tally, decision: Decision, total: float, share: float, policy: DetectionPolicy
) -> str:
    if total < policy.min_requests:
        return f"too few requests to judge an error rate ({number(total)} < {policy.min_requests})"
    if decision is Decision.CONFIRM:
        return f"5xx share {percent(share)} sustained above {percent(policy.error_rate)}"
    if share < policy.error_rate:
        return f"5xx share {percent(share)} is below {percent(policy.error_rate)}"
    return f"5xx share above {percent(policy.error_rate)} in only {count.describe()}"


def _evidence(h: HttpSlice, count: Tally, policy: DetectionPolicy) -> tuple[Evidence, ...]:
    total = sum(c.total for c in h.recent)
    errors = sum(c.server_errors for c in h.recent)
    start = bisect_left([c.ts for c in h.history], h.window.start - policy.baseline_seconds)
    before = h.history[start:]
    base_total = sum(c.total for c in before)
    base_share = server_error_share(before)
    baseline = (
        f"; before the alert {number(sum(c.server_errors for c in before))} of "
        f"{number(base_total)} ({percent(base_share)}) over {span(policy.baseline_seconds)}"
        if base_share is not None
        else "; no traffic before the alert to compare with"
    )
    return (
        Evidence(
            signal="HTTP_5XX_RATE",
            measure="5xx share in window",
            value=errors / total if total else 0.0,
            unit="ratio",
            threshold=policy.error_rate,
            start=h.window.start,
            end=h.window.end,
            text=f"5xx: {number(errors)} of {number(total)} requests "
            f"({percent(errors / total if total else 0.0)}) in {h.window.describe()}; "
            f"threshold {percent(policy.error_rate)} on at least {policy.min_requests} "
            f"requests{baseline}",
        ),
        count.evidence(
            "HTTP_5XX_RATE",
            "steps above threshold",
            f"5xx share ≥ {percent(policy.error_rate)} in {count.describe()}",
            start=h.window.start,
            end=h.window.end,
            unit="steps",
        ),
    )
