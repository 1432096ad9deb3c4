from __future__ import annotations

import pytest

from config.detection import DetectionSettings, detection_problems
from config.settings import ConfigError, load_settings
from pipeline.detection.policy import DetectionPolicy


def test_policy_converts_percent_and_minutes() -> None:
    settings = DetectionSettings.model_construct(
        cpu_threshold_percent=80.0, confirm_window_minutes=15, leak_horizon_minutes=60
    )
    policy = DetectionPolicy.from_settings(settings)
    assert policy.cpu_threshold == 0.8
    assert policy.window_seconds == 900
    assert policy.leak_horizon_seconds == 3600
    assert list(policy.seasonal_days) == [86_400 * d for d in range(1, 8)]


def test_settings_are_read_from_autofix_variables() -> None:
    settings = load_settings(
        {"AUTOFIX_ERROR_RATE_PERCENT": "2", "AUTOFIX_CONFIRM_HISTORY_DAYS": "0"}, env_file=None
    )
    policy = DetectionPolicy.from_settings(settings)
    assert policy.error_rate == 0.02
    assert list(policy.seasonal_days) == []


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        pytest.param({}, 0, id="defaults-are-ordered"),
        pytest.param({"AUTOFIX_CPU_WARNING_PERCENT": "95"}, 1, id="warning-above-default"),
        pytest.param(
            {"AUTOFIX_P95_WARNING_MS": "500", "AUTOFIX_P95_THRESHOLD_MS": "400"}, 1, id="both-set"
        ),
        pytest.param({"AUTOFIX_ERROR_RATE_PERCENT": "lots"}, 0, id="unparsable-left-to-pydantic"),
    ],
)
def test_warning_levels_must_not_exceed_thresholds(raw: dict[str, str], problems: int) -> None:
    assert len(detection_problems(raw)) == problems


def test_loader_reports_the_ordering_problem_by_name() -> None:
    with pytest.raises(ConfigError, match="AUTOFIX_MEMORY_WARNING_PERCENT \\(95\\) must not be"):
        load_settings({"AUTOFIX_MEMORY_WARNING_PERCENT": "95"}, env_file=None)
