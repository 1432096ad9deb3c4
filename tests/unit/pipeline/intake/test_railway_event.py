from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.intake.classify import Policy, classify
from pipeline.intake.railway_event import PayloadError, normalise, parse_railway_event

FIXTURES = Path(__file__).parents[3] / "fixtures" / "railway_webhooks"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    return data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("oomKilled", "OOM_KILLED"),
        ("OomKilled", "OOM_KILLED"),
        ("oom_killed", "OOM_KILLED"),
        ("OOM_KILLED", "OOM_KILLED"),
        ("needsApproval", "NEEDS_APPROVAL"),
        ("VolumeAlert", "VOLUME_ALERT"),
        ("crashed", "CRASHED"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("fixture", "name", "action", "kind", "signature"),
    [
        (
            "Deployment.failed.docs-alerts-guide.json",
            "DEPLOYMENT.FAILED",
            "open",
            "deploy_failed",
            "deploy",
        ),
        (
            "Deployment.failed.docs-observability-webhooks.json",
            "DEPLOYMENT.FAILED",
            "open",
            "deploy_failed",
            "deploy",
        ),
        ("unverified.Deployment.crashed.json", "DEPLOYMENT.CRASHED", "open", "crash", "crash"),
        ("unverified.Deployment.oomKilled.json", "DEPLOYMENT.OOM_KILLED", "open", "oom", "memory"),
        (
            "unverified.Monitor.triggered.json",
            "MONITOR.TRIGGERED",
            "open",
            "monitor_memory",
            "memory",
        ),
        (
            "unverified.VolumeAlert.triggered.json",
            "VOLUME_ALERT.TRIGGERED",
            "open",
            "volume",
            "volume:environment-1",
        ),
    ],
)
def test_real_payloads(fixture: str, name: str, action: str, kind: str, signature: str) -> None:
    event = parse_railway_event(load(fixture))
    assert event.name == name
    decision = classify(event, Policy())
    assert (decision.action, decision.kind, decision.signature) == (action, kind, signature)


def test_legacy_format() -> None:
    payload = load("DEPLOY.legacy-format-docs-2025-01-to-2025-11.json")
    event = parse_railway_event(payload)
    assert event.resource == "DEPLOYMENT"
    assert event.deployment_id == "[deploy ID]"
    assert classify(event, Policy()).action == "ignore"  # no status: nothing to act on
    payload["status"] = "CRASHED"
    assert classify(parse_railway_event(payload), Policy()).kind == "crash"


@pytest.mark.parametrize(
    ("type_", "action"),
    [
        ("Deployment.oomKilled", "open"),
        ("Deployment.OomKilled", "open"),
        ("deployment.oom_killed", "open"),
        ("Deployment.deployed", "resolve"),
        ("Deployment.building", "ignore"),
        ("Deployment.slept", "ignore"),
        ("Monitor.resolved", "resolve"),
        ("Monitor.deleted", "ignore"),
        ("Project.created", "ignore"),
    ],
)
def test_event_types_case_insensitively(type_: str, action: str) -> None:
    payload = load("Deployment.failed.docs-alerts-guide.json") | {"type": type_}
    assert classify(parse_railway_event(payload), Policy()).action == action


def test_ephemeral_environments_are_ignored_unless_configured() -> None:
    payload = load("Deployment.failed.docs-alerts-guide.json")
    payload["resource"]["environment"]["isEphemeral"] = True
    event = parse_railway_event(payload)
    assert classify(event, Policy()).action == "ignore"
    assert "ephemeral" in classify(event, Policy()).reason
    assert classify(event, Policy(include_ephemeral=True)).action == "open"


def test_own_service_is_ignored() -> None:
    event = parse_railway_event(load("unverified.Deployment.crashed.json"))
    assert classify(event, Policy(own_service_ids={"svc-worker"})).action == "ignore"


def test_dedupe_key_is_stable_and_distinguishes_events() -> None:
    a = parse_railway_event(load("unverified.Deployment.crashed.json"))
    b = parse_railway_event(load("unverified.Deployment.crashed.json"))
    payload = load("unverified.Deployment.crashed.json") | {"timestamp": "2026-10-08T12:30:00Z"}
    assert a.dedupe_key() == b.dedupe_key()
    assert a.dedupe_key() != parse_railway_event(payload).dedupe_key()


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ([], "JSON object"),
        ({}, "type"),
        ({"type": 3}, "type"),
        ({"type": "Deployment.failed"}, "timestamp"),
        ({"type": "Deployment.failed", "timestamp": "yesterday"}, "timestamp"),
        (
            {"type": "Deployment.failed", "timestamp": "2025-11-21T23:48:42Z", "resource": []},
            "resource",
        ),
        (
            {
                "type": "Deployment.failed",
                "timestamp": "2025-11-21T23:48:42Z",
                "resource": {"service": "x"},
            },
            "service",
        ),
    ],
)
def test_bad_payloads_say_why(payload: object, reason: str) -> None:
    with pytest.raises(PayloadError, match=reason):
        parse_railway_event(payload)
