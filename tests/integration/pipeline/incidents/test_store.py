"""The incident store against a real Redis."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from arq.connections import ArqRedis

from pipeline.incidents.model import Alert, Incident, Target
from pipeline.incidents.states import InvalidTransition, State
from pipeline.incidents.store import IncidentStore, SlotTaken


def candidate(service: str = "svc-1", signature: str = "memory") -> Incident:
    return Incident(
        target=Target(service_id=service, service_name="api"), kind="oom", signature=signature
    )


def alert(key: str) -> Alert:
    return Alert(source="railway", kind="deployment.oom_killed", key=key, at=datetime.now(UTC))


async def test_concurrent_alerts_for_one_service_make_one_incident(redis: ArqRedis) -> None:
    store = IncidentStore(redis, cooldown_seconds=60)
    results = await asyncio.gather(
        *(store.open_or_attach(candidate(), alert(f"a{i}")) for i in range(20))
    )

    created = [r for r in results if r.outcome == "created"]
    assert len(created) == 1
    assert {r.incident.id for r in results if r.incident} == {created[0].incident.id}  # type: ignore[union-attr]
    stored = await store.get(created[0].incident.id)  # type: ignore[union-attr]
    assert sorted(a.key for a in stored.alerts) == sorted(f"a{i}" for i in range(20))
    assert len(await store.list()) == 1


async def test_a_different_signature_is_a_different_incident(redis: ArqRedis) -> None:
    store = IncidentStore(redis, cooldown_seconds=60)
    first = await store.open_or_attach(candidate(signature="memory"), alert("a"))
    second = await store.open_or_attach(candidate(signature="crash"), alert("b"))
    assert first.outcome == second.outcome == "created"


async def test_closing_frees_the_slot_and_starts_the_cooldown(redis: ArqRedis) -> None:
    store = IncidentStore(redis, cooldown_seconds=60)
    opened = (await store.open_or_attach(candidate(), alert("a"))).incident
    assert opened is not None
    await store.transition(opened.id, State.CONFIRMING)
    await store.transition(opened.id, State.DISMISSED, reason="a spike")

    held = await store.open_or_attach(candidate(), alert("b"))
    assert held.outcome == "cooling_down"
    assert held.incident is None

    no_cooldown = IncidentStore(redis, cooldown_seconds=0)
    await redis.delete("autofix:cooldown:svc-1:memory")
    again = await no_cooldown.open_or_attach(candidate(), alert("c"))
    assert again.outcome == "created"


async def test_transitions_are_checked_and_recorded(redis: ArqRedis) -> None:
    store = IncidentStore(redis, cooldown_seconds=0)
    opened = (await store.open_or_attach(candidate(), alert("a"))).incident
    assert opened is not None
    with pytest.raises(InvalidTransition):
        await store.transition(opened.id, State.PR_OPEN)
    moved = await store.transition(opened.id, State.CONFIRMING, reason="alert", summary="s")
    assert moved.state == State.CONFIRMING
    assert moved.summary == "s"
    assert [(t.from_state, t.to_state, t.reason) for t in moved.history] == [
        (State.RECEIVED, State.CONFIRMING, "alert")
    ]


async def test_a_failed_incident_cannot_reopen_over_a_newer_one(redis: ArqRedis) -> None:
    store = IncidentStore(redis, cooldown_seconds=0)
    old = (await store.open_or_attach(candidate(), alert("a"))).incident
    assert old is not None
    await store.transition(old.id, State.FAILED, reason="boom")
    new = (await store.open_or_attach(candidate(), alert("b"))).incident
    assert new is not None
    assert new.id != old.id
    with pytest.raises(SlotTaken):
        await store.transition(old.id, State.INVESTIGATING)
    await store.transition(new.id, State.CANCELLED)
    reopened = await store.transition(old.id, State.INVESTIGATING, reason="retry")
    assert reopened.is_open


async def test_listing_is_newest_first_and_filters(redis: ArqRedis) -> None:
    store = IncidentStore(redis, cooldown_seconds=0)
    ids = []
    for service in ("a", "b", "c"):
        made = (await store.open_or_attach(candidate(service=service), alert(service))).incident
        assert made is not None
        ids.append(made.id)
        await asyncio.sleep(0.002)
    await store.transition(ids[1], State.CONFIRMING)
    assert [i.id for i in await store.list()] == ids[::-1]
    assert [i.id for i in await store.list(state=State.CONFIRMING)] == [ids[1]]
    assert [i.id for i in await store.list(service="c")] == [ids[2]]
    assert [i.id for i in await store.list(limit=1, offset=1)] == [ids[1]]
