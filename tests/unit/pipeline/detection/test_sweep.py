from __future__ import annotations

from typing import Any

import pytest

from pipeline.detection.sweep import ServiceSnapshot, Severity, sweep
from tests.unit.pipeline.detection.shapes import ALERT, policy


def snapshot(**values: Any) -> ServiceSnapshot:
    return ServiceSnapshot.model_validate(
        {"service_id": "svc", "start": ALERT - 300, "end": ALERT, **values}
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param({"cpu_vcpu": 4.0, "cpu_limit_vcpu": 8.0}, [], id="cpu-50-percent"),
        pytest.param(
            {"cpu_vcpu": 6.0, "cpu_limit_vcpu": 8.0},
            [("CPU_USAGE", Severity.WARNING)],
            id="cpu-75-percent-warning",
        ),
        pytest.param(
            {"memory_gb": 7.6, "memory_limit_gb": 8.0},
            [("MEMORY_USAGE_GB", Severity.CRITICAL)],
            id="memory-95-percent-critical",
        ),
        pytest.param({"cpu_vcpu": 9.0}, [], id="no-limit-no-share"),
        pytest.param({"requests": 50, "server_errors": 50}, [], id="all-5xx-but-too-few-requests"),
        pytest.param(
            {"requests": 1000, "server_errors": 20},
            [("HTTP_5XX_RATE", Severity.WARNING)],
            id="2-percent-5xx-warning",
        ),
        pytest.param(
            {"requests": 1000, "client_errors": 300},
            [("HTTP_4XX_RATE", Severity.CRITICAL)],
            id="30-percent-4xx-critical",
        ),
        pytest.param({"p95_ms": 900.0}, [], id="p95-under-a-second"),
        pytest.param(
            {"p95_ms": 1500.0, "requests": 1000, "server_errors": 80},
            [("HTTP_5XX_RATE", Severity.CRITICAL), ("HTTP_P95_MS", Severity.WARNING)],
            id="critical-listed-first",
        ),
    ],
)
def test_sweep_reports_crossed_thresholds(
    values: dict[str, Any], expected: list[tuple[str, Severity]]
) -> None:
    issues = sweep(snapshot(**values), policy())
    assert [(i.signal, i.severity) for i in issues] == expected


def test_issue_text_is_readable() -> None:
    (issue,) = sweep(snapshot(cpu_vcpu=7.5, cpu_limit_vcpu=8.0), policy())
    assert issue.text == "CPU 7.5 vCPU of 8 vCPU: 93.8% ≥ critical level 90%"
    assert (issue.value, issue.threshold, issue.start, issue.end) == (
        0.9375,
        0.9,
        ALERT - 300,
        ALERT,
    )
