from __future__ import annotations

import pytest

from pipeline.detection.verdict import Decision, IssueKind, Verdict
from pipeline.detection.window import TimeWindow
from pipeline.verification.compare import Measure, outcome

WINDOW = TimeWindow(start=0, end=600)


def verdict(decision: Decision) -> Verdict:
    return Verdict(
        decision=decision, kind=IssueKind.MEMORY_LEAK, rule="r", reason="x", window=WINDOW
    )


def growth(before: float | None, after: float | None, key: bool = True) -> Measure:
    return Measure(name="memory growth", unit="GB/h", before=before, after=after, key=key)


@pytest.mark.parametrize(
    ("decision", "measures", "expected"),
    [
        (Decision.DISMISS, [growth(0.4, -0.1)], "recovered"),
        (
            Decision.DISMISS,
            [growth(0.4, 0.39)],
            "not_recovered",
        ),  # too early for the rules, not for the slope
        (Decision.DISMISS, [growth(0.4, 0.39, key=False)], "recovered"),
        (Decision.DISMISS, [growth(None, 0.39)], "recovered"),
        (Decision.CONFIRM, [growth(0.4, 0.41)], "not_recovered"),
        (Decision.CONFIRM, [growth(0.4, 0.5)], "worse"),
        (Decision.CONFIRM, [], "not_recovered"),
    ],
)
def test_outcome(decision: Decision, measures: list[Measure], expected: str) -> None:
    assert outcome(verdict(decision), measures) == expected
