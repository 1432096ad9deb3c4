"""Crash: the service is still down, or keeps crashing, according to its deployment statuses.

``CRASHED`` and ``FAILED`` are states: the deployment stays down until a later healthy status.
``OOM_KILLED`` and ``RESTARTED`` are moments: the restart policy brings the service back, so
they count towards a crash loop but say nothing about whether it is down now.
"""

from __future__ import annotations

from pipeline.detection.inputs import DeploymentEvent, DeploymentHistory
from pipeline.detection.policy import DetectionPolicy
from pipeline.detection.verdict import Decision, Evidence, IssueKind, Verdict
from pipeline.detection.wording import clock, period, span

DOWN = frozenset({"CRASHED", "FAILED"})
KILLED = frozenset({"OOM_KILLED"})
RESTART = frozenset({"RESTARTED", "RESTARTING"})
UP = frozenset({"SUCCESS", "RUNNING", "DEPLOYED", "REDEPLOYED"})
# One crash is often reported twice (a webhook and the deployment's status) moments apart.
_SAME_CRASH_SECONDS = 120


def crashes_in(events: list[DeploymentEvent]) -> list[DeploymentEvent]:
    """Crash and OOM-kill reports, counting two of the same status moments apart once."""
    out: list[DeploymentEvent] = []
    for event in sorted(events):
        if event.status not in DOWN | KILLED:
            continue
        if out and out[-1].status == event.status and event.ts - out[-1].ts <= _SAME_CRASH_SECONDS:
            continue
        out.append(event)
    return out


def check_crash(d: DeploymentHistory, as_of: int, policy: DetectionPolicy) -> Verdict:
    """Confirm a crash loop at once; a deployment still down when the window ends; else wait."""
    until = min(as_of, d.window.end)
    since = d.window.start - policy.crash_lookback_seconds
    known = [e for e in sorted(d.events) if e.ts <= until]
    crashes = crashes_in([e for e in known if e.ts >= since])
    states = [e for e in known if e.status in DOWN | UP]
    latest = states[-1] if states else None
    restarts = [e for e in known if e.ts >= since and e.status in RESTART]
    evidence = _evidence(crashes + restarts, latest, since, until)
    if len(crashes) >= policy.crash_loop_count:
        rule = "oom_kill" if any(e.status in KILLED for e in crashes) else "crash_loop"
        reason = f"{len(crashes)} crash(es) since {clock(since)} UTC"
        return _verdict(d, Decision.CONFIRM, rule, reason, evidence)
    down = latest is not None and latest.status in DOWN
    if down and as_of >= d.window.end and latest is not None:
        rule = "deploy_failed" if latest.status == "FAILED" else "still_down"
        reason = f"deployment still {latest.status} at the end of the window"
        return _verdict(d, Decision.CONFIRM, rule, reason, evidence)
    if as_of < d.window.end:
        return _verdict(d, Decision.WAIT, "crash_status", _waiting(crashes, down), evidence)
    reason = (
        "no crash"
        if not crashes
        else (
            f"{len(crashes)} crash(es), fewer than the {policy.crash_loop_count} of a crash loop, "
            "and the service is up"
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
    reported: list[DeploymentEvent], latest: DeploymentEvent | None, since: int, until: int
) -> tuple[Evidence, ...]:
    ordered = sorted(reported)
    listed = ", ".join(f"{e.status} at {clock(e.ts)[11:]}" for e in ordered) or "none"
    items = [
        Evidence(
            signal="DEPLOYMENT_STATUS",
            measure="crashes and restarts",
            value=len(ordered),
            unit="events",
            start=since,
            end=until,
            text=f"crashes/restarts {period(since, until)} ({span(until - since)}): {listed}",
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
                end=until,
                text=f"latest status {latest.status} since {clock(latest.ts)} UTC"
                + (f" (deployment {latest.deployment_id})" if latest.deployment_id else ""),
            )
        )
    return tuple(items)
