from __future__ import annotations

import pytest

from pipeline.detection.crash import check_crash
from pipeline.detection.inputs import DeploymentEvent, DeploymentHistory
from pipeline.detection.verdict import Decision
from tests.unit.pipeline.detection.shapes import ALERT, MINUTE, frame, policy

END = ALERT + 10 * MINUTE


def history(*statuses: tuple[int, str]) -> DeploymentHistory:
    """Statuses at minutes relative to the alert."""
    events = tuple(DeploymentEvent(ALERT + m * MINUTE, s, "dep-1") for m, s in statuses)
    return DeploymentHistory(window=frame(), events=events)


@pytest.mark.parametrize(
    ("statuses", "as_of", "decision", "rule"),
    [
        pytest.param([], END, Decision.DISMISS, "crash_status", id="no-events"),
        pytest.param(
            [(0, "CRASHED"), (1, "RESTARTED"), (2, "SUCCESS")],
            END,
            Decision.DISMISS,
            "crash_status",
            id="one-crash-recovered",
        ),
        pytest.param(
            [(0, "CRASHED"), (2, "SUCCESS"), (5, "CRASHED")],
            ALERT + 5 * MINUTE,
            Decision.CONFIRM,
            "crash_loop",
            id="crash-loop-confirmed-early",
        ),
        pytest.param(
            [(-20, "OOM_KILLED"), (-19, "SUCCESS"), (0, "OOM_KILLED")],
            ALERT,
            Decision.CONFIRM,
            "oom_kill",
            id="repeated-oom-kills",
        ),
        pytest.param(
            [(-45, "CRASHED"), (-44, "SUCCESS"), (0, "CRASHED"), (1, "SUCCESS")],
            END,
            Decision.DISMISS,
            "crash_status",
            id="earlier-crash-outside-lookback",
        ),
        pytest.param([(0, "CRASHED")], END, Decision.CONFIRM, "still_down", id="still-down"),
        pytest.param([(0, "CRASHED")], END - 1, Decision.WAIT, "crash_status", id="down-so-far"),
        pytest.param([(0, "FAILED")], END, Decision.CONFIRM, "deploy_failed", id="deploy-failed"),
        pytest.param(
            [(0, "RESTARTED"), (3, "RESTARTED")],
            END,
            Decision.DISMISS,
            "crash_status",
            id="restarts-alone-are-not-crashes",
        ),
        pytest.param(
            [(-90, "SUCCESS"), (0, "OOM_KILLED")],
            END,
            Decision.DISMISS,
            "crash_status",
            id="oom-kill-is-a-moment-the-service-restarts",
        ),
        pytest.param(
            [(0, "CRASHED"), (1, "CRASHED")],
            END,
            Decision.CONFIRM,
            "still_down",
            id="one-crash-reported-twice-counts-once",
        ),
        pytest.param(
            [(0, "CRASHED"), (4, "CRASHED")],
            END,
            Decision.CONFIRM,
            "crash_loop",
            id="two-crashes-minutes-apart",
        ),
        pytest.param(
            [(0, "CRASHED"), (12, "CRASHED")],
            END,
            Decision.CONFIRM,
            "still_down",
            id="events-after-the-window-ignored",
        ),
    ],
)
def test_crash_statuses(
    statuses: list[tuple[int, str]], as_of: int, decision: Decision, rule: str
) -> None:
    verdict = check_crash(history(*statuses), as_of, policy())
    assert (verdict.decision, verdict.rule) == (decision, rule)


def test_one_crash_confirms_when_configured_so() -> None:
    verdict = check_crash(history((0, "CRASHED"), (1, "SUCCESS")), END, policy(crash_loop_count=1))
    assert verdict.decision is Decision.CONFIRM


def test_evidence_lists_crashes_and_the_latest_status() -> None:
    verdict = check_crash(
        history((0, "OOM_KILLED"), (1, "RESTARTED"), (2, "SUCCESS")), END, policy()
    )
    first, latest = verdict.evidence
    assert first.value == 2
    assert "OOM_KILLED at 12:00, RESTARTED at 12:01" in first.text
    assert latest.text == "latest status SUCCESS since 2024-05-01 12:02 UTC (deployment dep-1)"
