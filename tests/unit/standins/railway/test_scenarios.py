"""Each scenario file is internally consistent and shows the incident it claims."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pipeline.railway.databases import database_engine
from standins.railway.catalog import scenario_names, world_for
from standins.railway.http_logs import HttpLogQuery, search
from standins.railway.log_filter import compile_filter
from standins.railway.metrics import MetricsQuery, metrics_results
from standins.railway.scenario import Scenario
from standins.railway.service_logs import Window, deployment_logs
from standins.railway.world import World

NOW = 1_772_463_600.0
HOURS = 3600
ALERT_TYPES = {
    "Monitor.triggered",
    "Deployment.oomKilled",
    "Deployment.crashed",
    "Deployment.deployed",
    "Deployment.failed",
}
STATUSES = {
    "BUILDING",
    "CRASHED",
    "DEPLOYING",
    "FAILED",
    "INITIALIZING",
    "NEEDS_APPROVAL",
    "QUEUED",
    "REMOVED",
    "REMOVING",
    "SKIPPED",
    "SLEEPING",
    "SUCCESS",
    "WAITING",
}
NAMES = scenario_names()


def world(name: str) -> World:
    """The scenario with two hours of data after its alert."""
    return world_for(name, alert_age_seconds=2 * HOURS, clock=lambda: NOW)


def all_lines(w: World, start: float, end: float) -> list[dict[str, Any]]:
    return [
        line
        for d in w.deployments.values()
        for line in deployment_logs(w, d, Window(start, end), 5000, compile_filter(None))
    ]


def template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_][a-z0-9_]*\}", template)
    return re.compile(r"\d+".join(re.escape(p) for p in parts))


def test_the_six_scenarios_are_shipped() -> None:
    assert set(NAMES) == {
        "healthy_cpu_spikes",
        "memory_leak",
        "error_spike_after_deploy",
        "slow_queries",
        "crash_loop",
        "upstream_outage",
    }


@pytest.mark.parametrize("name", NAMES)
def test_project_shape(name: str) -> None:
    scenario = world(name).scenario
    apps = [s for s in scenario.services if s.repo]
    databases = {s.name: database_engine(s.image) for s in scenario.services if s.image}
    assert len(scenario.services) >= 3
    assert all(s.repo and "/" in s.repo for s in apps)
    assert databases["Postgres"] == "postgres"
    postgres = next(s for s in scenario.services if s.name == "Postgres")
    assert postgres.image == "ghcr.io/railwayapp-templates/postgres-ssl:16"
    assert postgres.volume is not None
    for service in scenario.services:
        assert {d.status for d in service.deployments} <= STATUSES
        for deployment in service.deployments:
            assert deployment.commit is None or re.fullmatch(
                r"[0-9a-f]{40}", deployment.commit.hash
            )


@pytest.mark.parametrize("name", NAMES)
def test_expected_verdict_and_alert_refer_to_the_scenario(name: str) -> None:
    scenario = world(name).scenario
    expected = scenario.expected
    assert expected.verdict in ("confirm", "dismiss")
    assert expected.kind
    assert expected.rule
    assert scenario.service(expected.service_id) is not None
    payload = scenario.alert.payload
    assert set(payload) == {"type", "details", "resource", "severity", "timestamp"}
    assert payload["type"] in ALERT_TYPES
    resource = payload["resource"]
    assert resource["project"] == {"id": scenario.project.id, "name": scenario.project.name}
    assert resource["environment"]["id"] == scenario.environment.id
    assert resource["workspace"]["id"] == scenario.workspace.id
    assert resource["service"]["id"] == expected.service_id
    if "deployment" in resource:
        service = scenario.service(expected.service_id)
        assert service is not None
        deployment = next(d for d in service.deployments if d.id == resource["deployment"]["id"])
        assert deployment.offset_seconds <= scenario.alert.offset_seconds
        if deployment.commit is not None:
            assert payload["details"]["commitHash"] == deployment.commit.hash


def declared_templates(scenario: Scenario) -> set[str]:
    found = set()
    for service in scenario.services:
        for behaviour in ("healthy", "incident"):
            for spec in service.profile(behaviour).logs:
                if spec.severity in ("warn", "error"):
                    found.add(spec.message)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_error_templates_are_exactly_those_in_the_logs(name: str) -> None:
    w = world(name)
    scenario = w.scenario
    assert set(scenario.error_templates) == declared_templates(scenario)
    lines = all_lines(w, w.anchor - HOURS, NOW)
    problems = [line["message"] for line in lines if line["severity"] in ("warn", "error")]
    for template in scenario.error_templates:
        pattern = template_pattern(template)
        assert any(pattern.fullmatch(message) for message in problems), template
    for secret in scenario.planted_secrets:
        assert any(secret in line["message"] for line in lines), secret


@pytest.mark.parametrize("name", NAMES)
def test_logs_refer_to_existing_deployments(name: str) -> None:
    w = world(name)
    for line in all_lines(w, w.anchor - HOURS, NOW):
        assert line["tags"]["deploymentId"] in w.deployments
        assert (
            line["tags"]["deploymentInstanceId"]
            in w.deployments[line["tags"]["deploymentId"]].replica_ids
        )
    api = w.scenario.services[0]
    current = w.deployment_at(api.id, NOW)
    assert current is not None
    entries = search(w, current, HttpLogQuery(anchor=NOW, before_limit=50), compile_filter(None))
    assert entries
    assert {e["deploymentId"] for e in entries} == {current.id}


@pytest.mark.parametrize("name", NAMES)
def test_usage_stays_within_limits(name: str) -> None:
    w = world(name)
    results = metrics_results(
        w,
        MetricsQuery(
            measurements=["CPU_USAGE", "MEMORY_USAGE_GB", "CPU_LIMIT", "MEMORY_LIMIT_GB"],
            start=w.anchor - 6 * HOURS,
            end=NOW,
            sample_rate=300,
            group_by=["SERVICE_ID"],
        ),
    )
    series = {
        (r["tags"]["serviceId"], r["measurement"]): [v["value"] for v in r["values"]]
        for r in results
    }
    for service in w.scenario.services:
        cpu, memory = series[service.id, "CPU_USAGE"], series[service.id, "MEMORY_USAGE_GB"]
        assert cpu
        assert memory
        assert max(cpu) <= min(series[service.id, "CPU_LIMIT"])
        assert max(memory) <= min(series[service.id, "MEMORY_LIMIT_GB"])
        assert min(cpu) >= 0
        assert min(memory) > 0
