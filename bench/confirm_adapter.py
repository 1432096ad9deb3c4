"""Runs autofix's real confirmation step (``pipeline.detection``) inside the alert-confirmation
benchmark (``bench.py run --confirmer confirm_adapter:ProjectConfirmer``).

The adapter only maps the benchmark's ``View`` onto ``ConfirmInputs``: the history up to the
alert becomes the slice's history, the samples seen since the alert its window so far, the
metric name and known capacity pick the signal (CPU or memory with a limit, anything else is
judged against its usual level). Thresholds come from ``DetectionSettings``, so ``AUTOFIX_*``
variables in the environment change them exactly as in production.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bench import Confirmer, View
from config.detection import DetectionSettings
from pipeline.detection.confirm import confirm
from pipeline.detection.inputs import ConfirmInputs, MetricSlice
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision
from pipeline.detection.window import TimeWindow
from pipeline.series import Point

_ANSWER = {Decision.CONFIRM: True, Decision.DISMISS: False, Decision.WAIT: None}


def _points(ts: Any, values: Any, sign: float) -> tuple[Point, ...]:
    seconds = np.asarray(ts).astype("datetime64[s]").astype(np.int64).tolist()
    return tuple(
        Point(t, sign * float(x)) for t, x in zip(seconds, np.asarray(values).tolist(), strict=True)
    )


def signal_of(metric: str, limit: float | None) -> str:
    """Which slot of ``ConfirmInputs`` a benchmark series fills."""
    name = metric.lower()
    if limit is not None and "memory" in name:
        return "memory"
    if limit is not None and "cpu" in name:
        return "cpu"
    return "other"


class ProjectConfirmer(Confirmer):  # type: ignore[misc]  # bench.py is untyped
    """autofix's ``confirm`` asked after every new sample; it may wait until the window ends."""

    name = "autofix_confirm"
    one_shot = False

    def __init__(self) -> None:
        self.policy = DetectionPolicy.from_settings(DetectionSettings())
        self.template: MetricSlice | None = None
        self.slot = "other"
        self.sign = 1.0

    def prepare(self, v: View) -> None:
        """Build the slice's fixed part (history, window, limit) once per alert."""
        # A low-side alert is a high-side one of the negated series; capacity then means nothing.
        self.sign = 1.0 if v.direction > 0 else -1.0
        limit = float(v.limit) if v.limit is not None and v.direction > 0 else None
        self.slot = signal_of(v.metric, limit)
        step = max(1, round(float(v.step_s)))
        history = _points(v.pre_ts, v.pre, self.sign)
        alert = history[-1].ts
        self.template = MetricSlice(
            name=v.metric,
            unit="%" if limit == 100.0 else "",
            limit=limit,
            step_seconds=step,
            window=TimeWindow(start=alert, end=alert + v.W * step),
            history=history,
        )

    def decide(self, v: View) -> bool | None:
        """Map the samples seen so far, ask ``confirm``, answer True / False / None."""
        if self.template is None:
            self.prepare(v)
        assert self.template is not None
        recent = _points(v.post_ts, v.post, self.sign)
        current = self.template.model_copy(update={"recent": recent})
        as_of = recent[-1].ts if recent else current.window.start
        slots: dict[str, Any] = {"other": (current,)} if self.slot == "other" else {}
        if self.slot != "other":
            slots[self.slot] = current
        inputs = ConfirmInputs(window=current.window, as_of=as_of, **slots)
        return _ANSWER[confirm(inputs, self.policy).decision]
