from __future__ import annotations

from standins.railway.catalog import load_scenario, world_for
from standins.railway.scenario import Commit

NOW = 1_772_463_600.0  # 2026-03-02T15:00:00Z


def test_world_for_places_the_alert_the_given_time_ago() -> None:
    world = world_for("memory_leak", alert_age_seconds=600, clock=lambda: NOW)
    assert world.anchor + world.scenario.alert.offset_seconds == NOW - 600
    assert world.alert_payload()["timestamp"] == "2026-03-02T14:50:00.000Z"


def test_behaviour_switches_at_the_bad_deploy() -> None:
    world = world_for("memory_leak", alert_age_seconds=0, clock=lambda: NOW)
    api = world.scenario.services[0].id
    before = world.segment_at(api, world.anchor - 1)
    after = world.segment_at(api, world.anchor + 1)
    assert before is not None
    assert after is not None
    assert (before.behaviour, after.behaviour) == ("healthy", "incident")
    assert after.start == world.anchor


def test_an_outage_switches_without_a_deploy() -> None:
    world = world_for("upstream_outage", alert_age_seconds=0, clock=lambda: NOW)
    api = world.scenario.services[0].id
    segment = world.segment_at(api, world.anchor + 5)
    assert segment is not None
    assert segment.behaviour == "incident"
    deployment = world.deployment_at(api, world.anchor + 5)
    assert deployment is not None
    assert deployment.created < world.anchor


def test_a_deploy_switches_behaviour_from_its_creation_and_retires_the_old_one() -> None:
    clock = [NOW]
    world = world_for("crash_loop", alert_age_seconds=600, clock=lambda: clock[0])
    worker = world.scenario.services[1].id
    crashed = world.deployments_of(worker)[0]
    assert crashed.status == "CRASHED"
    fixed = world.deploy(worker, Commit(hash="f" * 40, message="fix", author="bot"), "healthy")
    assert fixed.status == "SUCCESS"
    assert fixed.created == NOW
    assert crashed.status == "REMOVED"
    assert world.lifetime(crashed) == (crashed.created, NOW)
    clock[0] += 60
    assert world.deployments_of(worker)[0] is fixed
    segment = world.segment_at(worker, NOW + 30)
    assert segment is not None
    assert segment.behaviour == "healthy"


def test_an_unhealthy_redeploy_keeps_the_failure() -> None:
    world = world_for("crash_loop", clock=lambda: NOW)
    worker = world.scenario.services[1].id
    again = world.deploy(worker, None, "incident")
    assert again.status == "CRASHED"


def test_scenarios_are_cached_and_immutable() -> None:
    assert load_scenario("memory_leak") is load_scenario("memory_leak")


def test_editing_an_alert_payload_leaves_the_scenario_alone() -> None:
    first = world_for("crash_loop").alert_payload()
    first["resource"]["deployment"] = {"id": "edited"}
    again = world_for("crash_loop").alert_payload()
    assert again["resource"]["deployment"]["id"] != "edited"
