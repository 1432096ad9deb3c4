"""Settings of alert confirmation and the periodic sweep: windows, thresholds, rule parameters.

Percentages are of the service's own limit (CPU, memory) or of its requests (error rates).
Defaults follow common SRE practice: warn at 70% and act at 90% of a resource limit,
1% / 5% server errors, 1 s / 3 s p95 latency, a robust z-score of 3.5, and a 4-hour
``predict_linear``-style horizon for leaks.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# (lower, higher): the warning level must not sit above the level that confirms.
_ORDERED_PAIRS: tuple[tuple[str, str], ...] = (
    ("AUTOFIX_CPU_WARNING_PERCENT", "AUTOFIX_CPU_THRESHOLD_PERCENT"),
    ("AUTOFIX_MEMORY_WARNING_PERCENT", "AUTOFIX_MEMORY_THRESHOLD_PERCENT"),
    ("AUTOFIX_ERROR_RATE_WARNING_PERCENT", "AUTOFIX_ERROR_RATE_PERCENT"),
    ("AUTOFIX_CLIENT_ERROR_RATE_WARNING_PERCENT", "AUTOFIX_CLIENT_ERROR_RATE_PERCENT"),
    ("AUTOFIX_P95_WARNING_MS", "AUTOFIX_P95_THRESHOLD_MS"),
)


class DetectionSettings(BaseSettings):
    """How alerts are confirmed or dismissed, and what the sweep reports."""

    model_config = SettingsConfigDict(extra="ignore")

    confirm_baseline_minutes: int = Field(
        60,
        ge=5,
        le=24 * 60,
        validation_alias="AUTOFIX_CONFIRM_BASELINE_MINUTES",
        description="Recent history before the alert used as the baseline when no earlier "
        "days are available.",
    )
    confirm_window_minutes: int = Field(
        10,
        ge=1,
        le=24 * 60,
        validation_alias="AUTOFIX_CONFIRM_WINDOW_MINUTES",
        description="Confirmation window after the alert in which a problem must persist.",
    )
    confirm_history_days: int = Field(
        7,
        ge=0,
        le=28,
        validation_alias="AUTOFIX_CONFIRM_HISTORY_DAYS",
        description="Previous days compared at the same time of day (0 turns the "
        "seasonal comparison off).",
    )
    seasonal_tolerance_minutes: int = Field(
        30,
        ge=1,
        le=180,
        validation_alias="AUTOFIX_SEASONAL_TOLERANCE_MINUTES",
        description="Half-width of the same-time-of-day slot taken from each previous day.",
    )
    sustain_percent: float = Field(
        50.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_SUSTAIN_PERCENT",
        description="Share of the confirmation window a signal must be abnormal for to count "
        "as sustained rather than a spike.",
    )
    sustain_max_minutes: int = Field(
        30,
        ge=1,
        le=24 * 60,
        validation_alias="AUTOFIX_SUSTAIN_MAX_MINUTES",
        description="Abnormal time that always counts as sustained, however long the window "
        "(matters when samples are coarse, e.g. hourly).",
    )
    anomaly_z: float = Field(
        3.5,
        gt=0,
        le=50,
        validation_alias="AUTOFIX_ANOMALY_Z",
        description="Robust z-score (median / MAD) above the usual level that makes a sample "
        "abnormal.",
    )
    anomaly_min_change_percent: float = Field(
        50.0,
        ge=0,
        le=10_000,
        validation_alias="AUTOFIX_ANOMALY_MIN_CHANGE_PERCENT",
        description="An abnormal sample must also exceed the usual level by this much, so "
        "statistically odd but tiny changes are not incidents.",
    )
    cpu_warning_percent: float = Field(
        70.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_CPU_WARNING_PERCENT",
        description="CPU use, in percent of the limit, the sweep reports as a warning.",
    )
    cpu_threshold_percent: float = Field(
        90.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_CPU_THRESHOLD_PERCENT",
        description="CPU use, in percent of the limit, that confirms saturation when held.",
    )
    cpu_hold_minutes: int = Field(
        10,
        ge=1,
        le=24 * 60,
        validation_alias="AUTOFIX_CPU_HOLD_MINUTES",
        description="CPU must be at the threshold for AUTOFIX_SUSTAIN_PERCENT of the last "
        "this-many minutes of the window (or of the whole window if longer).",
    )
    memory_warning_percent: float = Field(
        70.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_MEMORY_WARNING_PERCENT",
        description="Memory use, in percent of the limit, the sweep reports as a warning.",
    )
    memory_threshold_percent: float = Field(
        90.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_MEMORY_THRESHOLD_PERCENT",
        description="Memory use, in percent of the limit, that confirms saturation when held.",
    )
    memory_hold_minutes: int = Field(
        30,
        ge=1,
        le=24 * 60,
        validation_alias="AUTOFIX_MEMORY_HOLD_MINUTES",
        description="Like AUTOFIX_CPU_HOLD_MINUTES for memory; longer because a short jump in "
        "memory (a batch, a cache fill) is normal and only a held level risks an OOM kill.",
    )
    error_rate_warning_percent: float = Field(
        1.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_ERROR_RATE_WARNING_PERCENT",
        description="Share of 5xx responses the sweep reports as a warning.",
    )
    error_rate_percent: float = Field(
        5.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_ERROR_RATE_PERCENT",
        description="Share of 5xx responses that confirms an error-rate incident when sustained.",
    )
    client_error_rate_warning_percent: float = Field(
        10.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_CLIENT_ERROR_RATE_WARNING_PERCENT",
        description="Share of 4xx responses the sweep reports as a warning.",
    )
    client_error_rate_percent: float = Field(
        25.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_CLIENT_ERROR_RATE_PERCENT",
        description="Share of 4xx responses the sweep reports as critical.",
    )
    min_requests: int = Field(
        100,
        ge=1,
        validation_alias="AUTOFIX_MIN_REQUESTS",
        description="Fewest requests in a window for an error rate to be judged at all.",
    )
    p95_warning_ms: float = Field(
        1000.0,
        gt=0,
        validation_alias="AUTOFIX_P95_WARNING_MS",
        description="p95 request latency, in ms, the sweep reports as a warning.",
    )
    p95_threshold_ms: float = Field(
        3000.0,
        gt=0,
        validation_alias="AUTOFIX_P95_THRESHOLD_MS",
        description="p95 request latency, in ms, that confirms a latency incident when sustained.",
    )
    leak_fit_minutes: int = Field(
        120,
        ge=10,
        le=24 * 60,
        validation_alias="AUTOFIX_LEAK_FIT_MINUTES",
        description="Memory history (since the last restart) the leak trend line is fitted to.",
    )
    leak_horizon_minutes: int = Field(
        240,
        ge=1,
        le=7 * 24 * 60,
        validation_alias="AUTOFIX_LEAK_HORIZON_MINUTES",
        description="A leak is confirmed when the fitted line reaches the memory limit within "
        "this many minutes.",
    )
    leak_min_t: float = Field(
        3.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_LEAK_MIN_T",
        description="Smallest t-statistic of the fitted slope for the growth to count as real.",
    )
    leak_restart_drop_percent: float = Field(
        20.0,
        gt=0,
        le=100,
        validation_alias="AUTOFIX_LEAK_RESTART_DROP_PERCENT",
        description="A fall of this much of the limit between two samples is read as a restart; "
        "the trend is fitted after the last one (OOM sawtooth).",
    )
    crash_lookback_minutes: int = Field(
        30,
        ge=1,
        le=24 * 60,
        validation_alias="AUTOFIX_CRASH_LOOKBACK_MINUTES",
        description="How far before the alert deployment crashes and restarts are counted.",
    )
    crash_loop_count: int = Field(
        2,
        ge=1,
        le=100,
        validation_alias="AUTOFIX_CRASH_LOOP_COUNT",
        description="Crashes within the lookback and window that confirm a crash loop even "
        "when the service came back up in between (1: confirm every crash).",
    )


def detection_problems(raw: Mapping[str, str]) -> list[str]:
    """Warning levels set above the levels that confirm."""
    problems: list[str] = []
    for lower, higher in _ORDERED_PAIRS:
        low, high = _number(raw, lower), _number(raw, higher)
        if low is None or high is None:
            continue
        if low > high:
            problems.append(f"{lower} ({low:g}) must not be above {higher} ({high:g})")
    return problems


def _number(raw: Mapping[str, str], name: str) -> float | None:
    # Unset means the default; an unparsable value is already reported by validation.
    field = next(f for f in DetectionSettings.model_fields.values() if f.validation_alias == name)
    text = raw.get(name)
    if text is None:
        return float(field.default)
    try:
        return float(text)
    except ValueError:
        return None
