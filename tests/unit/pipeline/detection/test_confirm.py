from __future__ import annotations

from pipeline.detection.confirm import combine, confirm
from pipeline.detection.inputs import (
    ConfirmInputs,
    DeploymentEvent,
    DeploymentHistory,
    MetricSlice,
)
from pipeline.detection.verdict import Decision, IssueKind, Verdict
from tests.unit.pipeline.detection.shapes import (
    ALERT,
    MINUTE,
    flat,
    frame,
    metric_slice,
    policy,
)

END = ALERT + 10 * MINUTE


def cpu(window: list[float]) -> MetricSlice:
    return metric_slice(flat(2.0, 0.2), window, days=1, limit=8.0)


def inputs(as_of: int = END, **slices: object) -> ConfirmInputs:
    return ConfirmInputs.model_validate({"window": frame(), "as_of": as_of, **slices})


def test_cpu_held_at_the_limit_is_saturation_first() -> None:
    verdict = confirm(inputs(cpu=cpu([7.8] * 10)), policy())
    assert verdict.decision is Decision.CONFIRM
    assert (verdict.kind, verdict.rule) == (IssueKind.RESOURCE_SATURATION, "cpu_saturation")
    assert "also seasonal_anomaly" in verdict.reason
    assert {e.measure for e in verdict.evidence} >= {"samples near limit", "abnormal samples"}


def test_cpu_well_above_usual_but_below_the_limit_is_an_anomaly() -> None:
    verdict = confirm(inputs(cpu=cpu([5.0] * 10)), policy())
    assert (verdict.decision, verdict.kind) == (Decision.CONFIRM, IssueKind.ANOMALY)


def test_a_crash_outranks_everything_else() -> None:
    crashed = DeploymentHistory(
        window=frame(), events=(DeploymentEvent(ALERT, "CRASHED"), DeploymentEvent(END, "CRASHED"))
    )
    verdict = confirm(inputs(cpu=cpu([7.8] * 10), deployments=crashed), policy())
    assert (verdict.kind, verdict.rule) == (IssueKind.CRASH, "crash_loop")


def test_a_spike_is_dismissed_with_every_rules_reason() -> None:
    verdict = confirm(inputs(cpu=cpu([7.8] + [2.0] * 9)), policy())
    assert verdict.decision is Decision.DISMISS
    assert verdict.rule == "no_rule_confirmed"
    assert "CPU_USAGE was at or above 90% of its limit in only 1 of 10" in verdict.reason
    assert "CPU_USAGE was far above its usual level in 1 of 10" in verdict.reason


def test_waits_while_the_window_is_open_and_undecided() -> None:
    verdict = confirm(inputs(as_of=ALERT + 3 * MINUTE, cpu=cpu([7.8] * 3)), policy())
    assert verdict.decision is Decision.WAIT
    assert verdict.reason.startswith("waiting for more of the window")


def test_never_waits_once_the_window_is_over() -> None:
    # Data lags: only three samples arrived although the window has ended.
    verdict = confirm(inputs(as_of=END, cpu=cpu([7.8] * 3)), policy())
    assert verdict.decision is Decision.DISMISS


def test_nothing_to_judge_is_a_dismissal() -> None:
    verdict = confirm(inputs(), policy())
    assert verdict.decision is Decision.DISMISS
    assert "no signal was available" in verdict.reason


def test_memory_jump_without_growth_is_not_an_anomaly() -> None:
    memory = metric_slice(
        flat(1.0, 0.02), [2.5] * 10, days=1, limit=4.0, name="MEMORY_USAGE_GB", unit="GB"
    )
    verdict = confirm(inputs(memory=memory), policy())
    assert verdict.decision is Decision.DISMISS
    assert "rose in one jump, not a steady climb" in verdict.reason
    assert "abnormal samples" not in {e.measure for e in verdict.evidence}


def test_combine_keeps_the_first_confirmation_and_adds_the_others_evidence() -> None:
    def verdict(decision: Decision, rule: str) -> Verdict:
        return Verdict(decision=decision, kind=None, rule=rule, reason=rule, window=frame())

    out = combine(
        [
            verdict(Decision.DISMISS, "a"),
            verdict(Decision.CONFIRM, "b"),
            verdict(Decision.CONFIRM, "c"),
        ],
        inputs(),
    )
    assert (out.rule, out.reason) == ("b", "b; also c: c")
