"""Crash: the service is still down, or keeps crashing, according to its deployment statuses."""

from __future__ import annotations

from pipeline.detection.inputs import DeploymentEvent, DeploymentHistory
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import clock, period, span

# Railway deployment statuses and webhook actions, by what they say about the service.
DOWN = frozenset({"CRASHED", "OOM_KILLED", "FAILED"})
RESTART = frozenset({"RESTARTED", "RESTARTING"})
UP = frozenset({"SUCCESS", "RUNNING", "DEPLOYED", "REDEPLOYED"})


def check_crash(d: DeploymentHistory, as_of: int, policy: DetectionPolicy) -> Verdict:
    """Confirm a crash loop at once; a crash still unrecovered when the window ends; else wait."""
    since = d.window.start - policy.crash_lookback_seconds
    events = [e for e in d.events if since <= e.ts <= min(as_of, d.window.end)]
    # A restart follows a crash; counting both would see a loop in one crash.
    crashes = [e for e in events if e.status in DOWN]
    states = [e for e in events if e.status in DOWN | UP]
    latest = states[-1] if states else None
    restarts = [e for e in events if e.status in RESTART]
    evidence = _evidence(d, crashes + restarts, latest, since, as_of)
    if len(crashes) >= policy.crash_loop_count:
        rule = "oom_kill" if any(e.status == "OOM_KILLED" for e in crashes) else "crash_loop"
        reason = f"{len(crashes)} crashes since {clock(since)} UTC"
        return _verdict(d, Decision.CONFIRM, rule, reason, evidence)
    down = latest is not None and latest.status in DOWN
    final = as_of >= d.window.end
    if down and final and latest is not None:
        rule = "deploy_failed" if latest.status == "FAILED" else "still_down"
        reason = f"deployment still {latest.status} at the end of the window"
        return _verdict(d, Decision.CONFIRM, rule, reason, evidence)
    if not final:
        return _verdict(d, Decision.WAIT, "crash_status", _waiting(crashes, down), evidence)
    reason = (
        "no crash"
        if not crashes
        else (
            f"{len(crashes)} crash(es), fewer than the {policy.crash_loop_count} of a crash loop, "
            "and the service came back up"
        )
    )
    return _verdict(d, Decision.DISMISS, "crash_status", reason, evidence)


def _waiting(crashes: list[DeploymentEvent], down: bool) -> str:
    if down:
        return "deployment is down; waiting to see whether it recovers within the window"
    if crashes:
        return "one crash so far; waiting to see whether it repeats"
    return "no crash so far"


def _verdict(
    d: DeploymentHistory, decision: Decision, rule: str, reason: str, ev: tuple[Evidence, ...]
) -> Verdict:
    return Verdict(
        decision=decision,
        kind=IssueKind.CRASH,
        rule=rule,
        reason=reason,
        evidence=ev,
        window=d.window,
    )


def _evidence(
    d: DeploymentHistory,
    crashes: list[DeploymentEvent],
    latest: DeploymentEvent | None,
    since: int,
    as_of: int,
) -> tuple[Evidence, ...]:
    ordered = sorted(crashes, key=lambda e: e.ts)
    listed = ", ".join(f"{e.status} at {clock(e.ts)[11:]}" for e in ordered) or "none"
    items = [
        Evidence(
            signal="DEPLOYMENT_STATUS",
            measure="crashes and restarts",
            value=len(ordered),
            unit="events",
            start=since,
            end=min(as_of, d.window.end),
            text=f"crashes/restarts {period(since, min(as_of, d.window.end))} "
            f"({span(min(as_of, d.window.end) - since)}): {listed}",
        )
    ]
    if latest is not None:
        items.append(
            Evidence(
                signal="DEPLOYMENT_STATUS",
                measure="latest status",
                value=float(latest.status in DOWN),
                unit="down",
                start=latest.ts,
                end=min(as_of, d.window.end),
                text=f"latest status {latest.status} since {clock(latest.ts)} UTC"
                + (f" (deployment {latest.deployment_id})" if latest.deployment_id else ""),
            )
        )
    return tuple(items)
