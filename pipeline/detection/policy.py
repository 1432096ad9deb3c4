"""The detection settings in the units the rules compute with (fractions, seconds)."""

from __future__ import annotations

from dataclasses import dataclass

from config.detection import DetectionSettings

_DAY = 86_400


@dataclass(frozen=True)
class DetectionPolicy:
    """Thresholds and windows for every rule; built once from ``DetectionSettings``."""

    baseline_seconds: int
    window_seconds: int
    history_days: int
    seasonal_tolerance_seconds: int
    sustain_fraction: float
    sustain_cap_seconds: int
    anomaly_z: float
    anomaly_min_change: float
    cpu_warning: float
    cpu_threshold: float
    cpu_hold_seconds: int
    memory_warning: float
    memory_threshold: float
    memory_hold_seconds: int
    error_rate_warning: float
    error_rate: float
    client_error_rate_warning: float
    client_error_rate: float
    min_requests: int
    p95_warning_ms: float
    p95_threshold_ms: float
    leak_fit_seconds: int
    leak_horizon_seconds: int
    leak_min_t: float
    leak_restart_drop: float
    crash_lookback_seconds: int
    crash_loop_count: int

    @classmethod
    def from_settings(cls, s: DetectionSettings) -> DetectionPolicy:
        """Percent to fractions, minutes to seconds."""
        return cls(
            baseline_seconds=s.confirm_baseline_minutes * 60,
            window_seconds=s.confirm_window_minutes * 60,
            history_days=s.confirm_history_days,
            seasonal_tolerance_seconds=s.seasonal_tolerance_minutes * 60,
            sustain_fraction=s.sustain_percent / 100,
            sustain_cap_seconds=s.sustain_max_minutes * 60,
            anomaly_z=s.anomaly_z,
            anomaly_min_change=s.anomaly_min_change_percent / 100,
            cpu_warning=s.cpu_warning_percent / 100,
            cpu_threshold=s.cpu_threshold_percent / 100,
            cpu_hold_seconds=s.cpu_hold_minutes * 60,
            memory_warning=s.memory_warning_percent / 100,
            memory_threshold=s.memory_threshold_percent / 100,
            memory_hold_seconds=s.memory_hold_minutes * 60,
            error_rate_warning=s.error_rate_warning_percent / 100,
            error_rate=s.error_rate_percent / 100,
            client_error_rate_warning=s.client_error_rate_warning_percent / 100,
            client_error_rate=s.client_error_rate_percent / 100,
            min_requests=s.min_requests,
            p95_warning_ms=s.p95_warning_ms,
            p95_threshold_ms=s.p95_threshold_ms,
            leak_fit_seconds=s.leak_fit_minutes * 60,
            leak_horizon_seconds=s.leak_horizon_minutes * 60,
            leak_min_t=s.leak_min_t,
            leak_restart_drop=s.leak_restart_drop_percent / 100,
            crash_lookback_seconds=s.crash_lookback_minutes * 60,
            crash_loop_count=s.crash_loop_count,
        )

    @property
    def seasonal_days(self) -> range:
        """Offsets, in seconds, of the previous days compared at the same time of day."""
        return range(_DAY, (self.history_days + 1) * _DAY, _DAY)
