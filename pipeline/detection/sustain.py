"""Sustained or spike: has a condition held for long enough, and can it still?"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision, Evidence
from pipeline.detection.wording import span


@dataclass(frozen=True)
class Tally:
    """How many samples met a condition, how many were seen, how many are still to come."""

    hits: int
    seen: int
    remaining: int
    needed: int
    step_seconds: int

    @property
    def decision(self) -> Decision:
        """Confirm once enough samples hit; dismiss once too few can; otherwise wait."""
        if self.seen and self.hits >= self.needed:
            return Decision.CONFIRM
        if self.hits + self.remaining < self.needed:
            return Decision.DISMISS
        return Decision.WAIT

    @property
    def share(self) -> float:
        """Fraction of the samples seen that hit."""
        return self.hits / self.seen if self.seen else 0.0

    def evidence(
        self, signal: str, measure: str, text: str, *, start: int, end: int, unit: str = "samples"
    ) -> Evidence:
        """The count as evidence: hits against the number needed, over ``start``-``end``."""
        return Evidence(
            signal=signal,
            measure=measure,
            value=self.hits,
            unit=unit,
            threshold=self.needed,
            start=start,
            end=end,
            text=text,
        )

    def describe(self) -> str:
        """``7 of 10 samples (7 min); needed 5 min``."""
        held = span(self.hits * self.step_seconds)
        needed = span(self.needed * self.step_seconds)
        return f"{self.hits} of {self.seen} samples ({held}); sustained means {needed}"


def needed_samples(span_seconds: int, step_seconds: int, policy: DetectionPolicy) -> int:
    """Samples that make a condition sustained over ``span_seconds``.

    A share of the span, but never more than the cap: one hourly sample above the bar
    is an hour of trouble, not a spike.
    """
    seconds = min(policy.sustain_fraction * span_seconds, policy.sustain_cap_seconds)
    return max(1, math.ceil(seconds / step_seconds - 1e-9))


def tally(flags: list[bool], remaining: int, needed: int, step_seconds: int) -> Tally:
    """Count ``flags`` (one per sample seen) against ``needed``."""
    return Tally(
        hits=sum(flags),
        seen=len(flags),
        remaining=remaining,
        needed=needed,
        step_seconds=step_seconds,
    )
