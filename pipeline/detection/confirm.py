"""The confirmation step: run every rule that has data and combine their verdicts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.detection.anomaly import check_anomaly
from pipeline.detection.crash import check_crash
from pipeline.detection.error_rate import check_error_rate
from pipeline.detection.inputs import ConfirmInputs
from pipeline.detection.latency import check_latency
from pipeline.detection.leak import check_leak
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.saturation import Saturation, check_saturation
from pipeline.detection.verdict import Decision, Verdict


def confirm(inputs: ConfirmInputs, policy: DetectionPolicy) -> Verdict:
    """Confirm, dismiss, or wait for more of the window (never wait once it is over)."""
    return combine(list(run_rules(inputs, policy)), inputs)


def run_rules(inputs: ConfirmInputs, policy: DetectionPolicy) -> Iterator[Verdict]:
    """Each rule's verdict, most specific first: crash, leak, saturation, errors, latency."""
    if inputs.deployments is not None:
        yield check_crash(inputs.deployments, inputs.as_of, policy)
    if inputs.memory is not None:
        yield check_leak(inputs.memory, policy)
        yield check_saturation(inputs.memory, Saturation.memory(policy), policy)
    if inputs.cpu is not None:
        yield check_saturation(inputs.cpu, Saturation.cpu(policy), policy)
    if inputs.http is not None:
        yield check_error_rate(inputs.http, policy)
    if inputs.latency_p95 is not None:
        yield check_latency(inputs.latency_p95, policy)
    # A level far above its usual one matters for CPU and unnamed signals; memory is judged
    # by its growth and its limit, since a flat jump in memory is how caches and batches look.
    for other in (inputs.cpu, *inputs.other):
        if other is not None:
            yield check_anomaly(other, policy)


def combine(verdicts: Sequence[Verdict], inputs: ConfirmInputs) -> Verdict:
    """The first confirmation (with the others' evidence); else wait; else a dismissal."""
    confirmed = [v for v in verdicts if v.decision is Decision.CONFIRM]
    if confirmed:
        first, *rest = confirmed
        also = "".join(f"; also {v.rule}: {v.reason}" for v in rest)
        evidence = first.evidence + tuple(e for v in rest for e in v.evidence)
        return first.model_copy(update={"reason": first.reason + also, "evidence": evidence})
    pending = [v for v in verdicts if v.decision is Decision.WAIT]
    evidence = tuple(e for v in verdicts for e in v.evidence)
    if pending and not inputs.final:
        return Verdict(
            decision=Decision.WAIT,
            kind=None,
            rule="pending",
            reason="waiting for more of the window: " + "; ".join(v.reason for v in pending),
            evidence=evidence,
            window=inputs.window,
        )
    reasons = "; ".join(v.reason for v in verdicts) or "no signal was available to judge"
    return Verdict(
        decision=Decision.DISMISS,
        kind=None,
        rule="no_rule_confirmed",
        reason=f"not a sustained problem: {reasons}",
        evidence=evidence,
        window=inputs.window,
    )
