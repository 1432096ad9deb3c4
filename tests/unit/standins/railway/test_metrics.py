from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from standins.railway.catalog import world_for
from standins.railway.metrics import MetricsQuery, metrics_results

NOW = 1_772_463_600.0


BASE = MetricsQuery(measurements=["MEMORY_LIMIT_GB"], start=NOW - 600, end=NOW, sample_rate=60)


def query(**overrides: Any) -> MetricsQuery:
    return replace(BASE, **overrides)


def test_ungrouped_results_are_summed_over_services() -> None:
    world = world_for("memory_leak", clock=lambda: NOW)
    [result] = metrics_results(world, query())
    assert result["tags"] == {"serviceId": None}
    assert {v["value"] for v in result["values"]} == {1.0 + 0.5 + 2.0 + 0.5}


def test_grouped_by_service() -> None:
    world = world_for("memory_leak", clock=lambda: NOW)
    results = metrics_results(world, query(group_by=["SERVICE_ID"]))
    assert {r["tags"]["serviceId"] for r in results} == {s.id for s in world.scenario.services}


@pytest.mark.parametrize("field", ["project_id", "environment_id"])
def test_another_project_or_environment_has_no_data(field: str) -> None:
    world = world_for("memory_leak", clock=lambda: NOW)
    assert metrics_results(world, query(**{field: "someone-else"})) == []


def test_nothing_from_the_future() -> None:
    world = world_for("memory_leak", clock=lambda: NOW)
    [result] = metrics_results(world, query(end=NOW + 3600))
    assert max(v["ts"] for v in result["values"]) < NOW
