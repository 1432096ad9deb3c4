from __future__ import annotations

import pytest

from pipeline.detection.anomaly import check_anomaly
from pipeline.detection.leak import check_leak
from pipeline.detection.saturation import Saturation, check_saturation
from pipeline.detection.verdict import Verdict
from tests.unit.pipeline.detection.shapes import ALERT, MINUTE, flat, metric_slice, policy


def test_saturation_evidence_has_numbers_window_and_threshold() -> None:
    s = metric_slice(flat(4.0, 0.1), [7.6] * 7 + [4.0] * 3, limit=8.0)
    verdict = check_saturation(s, Saturation.cpu(policy()), policy())
    held, level = verdict.evidence
    assert (held.value, held.threshold, held.unit) == (7, 5, "samples")
    assert (held.start, held.end) == (ALERT + MINUTE, ALERT + 10 * MINUTE)
    assert held.text == (
        "CPU_USAGE ≥ 90% of the 8 vCPU limit (7.2 vCPU) in 7 of 10 samples (7 min); "
        "sustained means 5 min, 2024-05-01 12:01 to 12:10 UTC"
    )
    assert level.text == "median 7.6 vCPU (95% of limit), peak 7.6 vCPU (95%)"
    assert verdict.reason == (
        "CPU_USAGE held at or above 90% of its limit: 7 of 10 samples (7 min); "
        "sustained means 5 min"
    )


def test_anomaly_evidence_names_the_reference() -> None:
    s = metric_slice(flat(2.0, 0.2), [5.0] * 10, limit=8.0)
    verdict = check_anomaly(s, policy())
    count, level = verdict.evidence
    assert count.text.startswith("CPU_USAGE far above usual (z ≥ 3.5 and ≥ 50% above) in 10 of 10")
    assert "window 2024-05-01 12:00 to 12:10 UTC (10 min)" in count.text
    assert level.text.startswith("median in window 5 vCPU vs usual 2 vCPU (robust sd 0.")
    assert "same time of day ±30 min on 3 previous day(s)" in level.text
    assert (level.value, level.threshold) == (5.0, 2.0)


def test_a_verdict_survives_a_json_round_trip() -> None:
    verdict = check_anomaly(metric_slice(flat(2.0, 0.2), [5.0] * 10), policy())
    assert Verdict.model_validate_json(verdict.model_dump_json()) == verdict
    assert verdict.summary().startswith("confirm anomaly [seasonal_anomaly]: CPU_USAGE stayed")


def test_leak_evidence_projects_the_limit_and_names_the_restarts() -> None:
    # Climbs 1 GB to 3.9 GB every 3 h, then an OOM restart; the alert is 2 h into a climb.
    def sawtooth(ts: int) -> float:
        return 1.0 + 2.9 * ((ts - ALERT + 7200) % 10800) / 10800

    window = [sawtooth(ALERT + (i + 1) * MINUTE) for i in range(10)]
    s = metric_slice(sawtooth, window, days=1, limit=4.0, name="MEMORY_USAGE_GB", unit="GB")
    verdict = check_leak(s, policy())
    growth, projection, shape, restarts = verdict.evidence
    assert growth.value == pytest.approx(0.967, abs=0.001)
    assert growth.text.startswith("MEMORY_USAGE_GB grows 0.967 GB/h (least squares over ")
    assert "at 12:10 3.09 GB = 77.4% of the 4 GB limit" in growth.text
    assert projection.text == (
        "projected to reach the limit in 56 min (about 2024-05-01 13:06 UTC); horizon 4.0 h"
    )
    assert shape.threshold is not None
    assert shape.value < shape.threshold
    assert restarts.value == 8
    assert "the last at 2024-05-01 10:00 UTC from 3.88 GB to 1 GB" in restarts.text
    assert verdict.reason.endswith("projected to reach its limit in 56 min")
