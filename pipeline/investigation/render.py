"""The collected material as prioritised context sections (pure)."""

from __future__ import annotations

from datetime import datetime

from pipeline.context.http_render import http_section
from pipeline.context.log_render import log_section
from pipeline.context.sections import (
    PRIORITY_CRITICAL,
    PRIORITY_HIGH,
    PRIORITY_LOW,
    PRIORITY_NORMAL,
    Section,
    text_section,
)
from pipeline.incidents.model import Incident
from pipeline.investigation.collect import Collected, ServiceLogs
from pipeline.railway.models import Deployment, Environment
from pipeline.statuspage.evidence import upstream_evidence, upstream_section


def sections(incident: Incident, collected: Collected, *, max_trace_lines: int) -> list[Section]:
    """Every section the context may hold, most important first."""
    out = [
        _incident(incident),
        _evidence(incident),
        _deployments(collected.deployments, collected.started),
    ]
    if collected.logs is not None:
        out += _service_logs(collected.logs, max_trace_lines)
    if collected.statuses:
        evidence = upstream_evidence(collected.statuses, trouble_started=collected.started)
        priority = PRIORITY_HIGH if evidence.verdict != "none" else PRIORITY_LOW
        out.append(upstream_section(evidence, collected.statuses, priority=priority))
    architecture = collected.architecture
    env = architecture.environment(incident.target.environment_id or "") if architecture else None
    if env is not None:
        title = f"Architecture of {env.name}"
        out.append(
            text_section("architecture", title, _architecture(env), priority=PRIORITY_NORMAL)
        )
    if collected.files:
        out.append(_repository(collected))
    for other in collected.others:
        if other.deploy is None:
            continue
        title = f"Logs of {other.service} (another service)"
        out.append(log_section(other.deploy, title, priority=PRIORITY_LOW, max_trace_lines=20))
    if collected.problems:
        gaps = "\n".join(f"- {p}" for p in collected.problems)
        out.append(text_section("gaps", "What could not be read", gaps, priority=PRIORITY_LOW))
    return out


def _service_logs(logs: ServiceLogs, max_trace_lines: int) -> list[Section]:
    out = []
    if logs.deploy is not None:
        title = f"Deployment logs of {logs.service}"
        out.append(
            log_section(logs.deploy, title, key="logs.deploy", max_trace_lines=max_trace_lines)
        )
    if logs.http is not None:
        title = f"HTTP requests of {logs.service} (failed or slow)"
        out.append(http_section(logs.http, title))
    if logs.build is not None:
        out.append(
            log_section(
                logs.build,
                "Build logs",
                key="logs.build",
                priority=PRIORITY_NORMAL,
                max_trace_lines=max_trace_lines,
            )
        )
    return out


def _incident(incident: Incident) -> Section:
    target = incident.target
    lines = [
        f"service: {target.service_name or target.service_id} ({target.service_id})",
        f"kind: {incident.kind}; signature: {incident.signature}; attempt {incident.attempt}",
        *(
            f"- alert {a.at:%Y-%m-%d %H:%M:%S} UTC, {a.source} {a.kind}: {a.summary}"
            for a in incident.alerts[-10:]
        ),
    ]
    return text_section("incident", "Incident", "\n".join(lines), priority=PRIORITY_CRITICAL)


def _evidence(incident: Incident) -> Section:
    verdict = incident.evidence
    if verdict is None:
        return text_section(
            "evidence", "Confirmation", "not confirmed by metrics", priority=PRIORITY_CRITICAL
        )
    window = verdict.window.describe()
    lines = [f"{verdict.decision.value} by rule {verdict.rule} over {window}: {verdict.reason}"]
    lines += [f"- {e.text}" for e in verdict.evidence]
    return text_section(
        "evidence", "Confirmation evidence", "\n".join(lines), priority=PRIORITY_CRITICAL
    )


def _deployments(deployments: list[Deployment], started: datetime) -> Section:
    if not deployments:
        return text_section(
            "deployments", "Recent deployments", "none found", priority=PRIORITY_HIGH
        )
    lines = []
    for d in sorted(deployments, key=lambda d: d.created_at, reverse=True):
        commit = d.commit
        if commit:
            subject = (commit.message or "").split("\n", 1)[0]
            what = f"commit {commit.hash[:12]} by {commit.author or '?'}: {subject}"
        else:
            what = "no commit (image or redeploy)"
        before = (
            " ← last deploy before the incident"
            if d.created_at <= started and d is _last_before(deployments, started)
            else ""
        )
        lines.append(
            f"- {d.created_at:%Y-%m-%d %H:%M} UTC {d.status.value} {d.id[:8]}: {what}{before}"
        )
    return text_section(
        "deployments", "Recent deployments (newest first)", "\n".join(lines), priority=PRIORITY_HIGH
    )


def _last_before(deployments: list[Deployment], started: datetime) -> Deployment | None:
    earlier = [d for d in deployments if d.created_at <= started]
    return max(earlier, key=lambda d: d.created_at) if earlier else None


def _architecture(env: Environment) -> str:
    lines = []
    for s in env.services:
        source = s.repo or s.image or "no source"
        kind = f"database ({s.database})" if s.database else "app"
        status = s.latest_deployment.status.value if s.latest_deployment else "not deployed"
        volumes = ", ".join(f"{v.mount_path} {v.used_mb:.0f}/{v.size_mb} MB" for v in s.volumes)
        lines.append(
            f"- {s.name} [{kind}] source {source}, builder {s.builder}, "
            f"start `{s.start_command or '-'}`, replicas {s.replicas or 1}, "
            f"region {s.region or '?'}, latest deploy {status}"
            + (f", volumes {volumes}" if volumes else "")
        )
    return "\n".join(lines)


def _repository(collected: Collected) -> Section:
    manifests = ", ".join(sorted(collected.manifests)) or "none"
    listing = "\n".join(collected.files)
    text = f"dependency manifests: {manifests}\nfiles:\n{listing}"
    return text_section("repository", "Repository files", text, priority=PRIORITY_NORMAL)
