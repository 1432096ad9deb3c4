"""Incidents in Redis: at most one open incident per (service, signature), updated atomically."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import WatchError

from pipeline import keys
from pipeline.incidents.model import Alert, Incident, Transition, utcnow
from pipeline.incidents.states import CLOSED, State, check_transition

logger = logging.getLogger(__name__)

_MAX_ALERTS = 50
_WATCH_ATTEMPTS = 20


class IncidentNotFound(LookupError):
    """No incident has that id."""


class SlotTaken(RuntimeError):
    """A closed incident cannot reopen: a newer one is open for the same service and signature."""


@dataclass(frozen=True)
class Intake:
    """What happened to an alert: a new incident, attached to an open one, or held by a cooldown."""

    incident: Incident | None
    outcome: str  # "created" | "attached" | "cooling_down"


class IncidentStore:
    """Create, read and move incidents; every write is atomic against concurrent workers."""

    def __init__(self, redis: Redis, *, cooldown_seconds: int) -> None:
        self.redis = redis
        self.cooldown_seconds = cooldown_seconds

    async def open_or_attach(self, candidate: Incident, alert: Alert) -> Intake:
        """Open ``candidate`` unless its (service, signature) has an open incident or cools down."""
        slot = keys.open_incident(candidate.target.service_id, candidate.signature)
        cooling = await self.redis.get(
            keys.cooldown(candidate.target.service_id, candidate.signature)
        )
        if cooling is not None and await self.redis.get(slot) is None:
            return Intake(None, "cooling_down")
        candidate.alerts = [alert]
        # The document exists before the slot points at it, so a reader of the slot never
        # finds a dangling id.
        await self.redis.set(keys.incident(candidate.id), candidate.model_dump_json())
        if await self.redis.set(slot, candidate.id, nx=True):
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.zadd(keys.INCIDENT_INDEX, {candidate.id: candidate.created_at.timestamp()})
                pipe.hincrby(keys.INCIDENTS_BY_STATE, candidate.state.value, 1)
                await pipe.execute()
            return Intake(candidate, "created")
        await self.redis.delete(keys.incident(candidate.id))
        existing_id = await self.redis.get(slot)
        if existing_id is None:  # closed between our two reads: start over
            return await self.open_or_attach(candidate, alert)
        incident = await self.update(existing_id.decode(), lambda inc: _attach(inc, alert))
        return Intake(incident, "attached")

    async def get(self, incident_id: str) -> Incident:
        """The incident with this id."""
        raw = await self.redis.get(keys.incident(incident_id))
        if raw is None:
            raise IncidentNotFound(incident_id)
        return Incident.model_validate_json(raw)

    async def find(self, incident_id: str) -> Incident | None:
        """The incident with this id, or None."""
        try:
            return await self.get(incident_id)
        except IncidentNotFound:
            return None

    async def list(
        self,
        *,
        state: State | None = None,
        service: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[Incident]:
        """Incidents newest first, optionally filtered by state and service id or name."""
        ids = await self.redis.zrevrange(keys.INCIDENT_INDEX, 0, -1)
        out: list[Incident] = []
        skipped = 0
        for chunk_start in range(0, len(ids), 100):
            chunk = ids[chunk_start : chunk_start + 100]
            docs = await self.redis.mget([keys.incident(i.decode()) for i in chunk])
            for doc in docs:
                if doc is None:
                    continue
                incident = Incident.model_validate_json(doc)
                if not _matches(incident, state, service):
                    continue
                if skipped < offset:
                    skipped += 1
                    continue
                out.append(incident)
                if len(out) >= limit:
                    return out
        return out

    async def transition(
        self, incident_id: str, to: State, reason: str = "", **changes: Any
    ) -> Incident:
        """Move the incident to ``to`` (if allowed) and apply ``changes`` in the same write."""

        def apply(incident: Incident) -> Incident:
            check_transition(incident.state, to)
            incident.history.append(
                Transition(from_state=incident.state, to_state=to, reason=reason)
            )
            incident.state = to
            for name, value in changes.items():
                setattr(incident, name, value)
            return incident

        return await self.update(incident_id, apply)

    async def new_attempt(self, incident_id: str, reason: str) -> Incident:
        """Start attempt n+1 (fresh run id) and move to investigating, in one write."""

        def bump(incident: Incident) -> Incident:
            if incident.state is not State.INVESTIGATING:
                check_transition(incident.state, State.INVESTIGATING)
            incident.history.append(
                Transition(from_state=incident.state, to_state=State.INVESTIGATING, reason=reason)
            )
            incident.attempt += 1
            incident.state = State.INVESTIGATING
            incident.error = None
            return incident

        return await self.update(incident_id, bump)

    async def update(self, incident_id: str, change: Callable[[Incident], Incident]) -> Incident:
        """Apply ``change`` atomically; frees the slot and starts the cooldown when it closes."""
        key = keys.incident(incident_id)
        for _ in range(_WATCH_ATTEMPTS):
            async with self.redis.pipeline(transaction=True) as pipe:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    if raw is None:
                        raise IncidentNotFound(incident_id)
                    before = Incident.model_validate_json(raw)
                    after = change(Incident.model_validate_json(raw))
                    after.updated_at = utcnow()
                    if before.state in CLOSED and after.state not in CLOSED:
                        await self._check_slot_free(pipe, after)
                    pipe.multi()  # type: ignore[no-untyped-call]  # unannotated in redis-py
                    pipe.set(key, after.model_dump_json())
                    if before.state != after.state:
                        pipe.hincrby(keys.INCIDENTS_BY_STATE, before.state.value, -1)
                        pipe.hincrby(keys.INCIDENTS_BY_STATE, after.state.value, 1)
                    if before.state not in CLOSED and after.state in CLOSED:
                        self._close(pipe, after)
                    elif before.state in CLOSED and after.state not in CLOSED:
                        pipe.set(
                            keys.open_incident(after.target.service_id, after.signature), after.id
                        )
                    await pipe.execute()
                    return after
                except WatchError:
                    continue
        raise RuntimeError(f"incident {incident_id} kept changing under us; gave up")

    async def _check_slot_free(self, pipe: Any, incident: Incident) -> None:
        slot = keys.open_incident(incident.target.service_id, incident.signature)
        await pipe.watch(slot)
        holder = await pipe.get(slot)
        if holder is not None and holder.decode() != incident.id:
            raise SlotTaken(
                f"incident {holder.decode()} is already open for this service and signature"
            )

    def _close(self, pipe: Any, incident: Incident) -> None:
        slot = keys.open_incident(incident.target.service_id, incident.signature)
        # Only free the slot if it is ours (a reopened older incident must not free a newer one).
        pipe.eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"
            " return 0",
            1,
            slot,
            incident.id,
        )
        if self.cooldown_seconds > 0 and incident.state != State.CANCELLED:
            pipe.set(
                keys.cooldown(incident.target.service_id, incident.signature),
                incident.id,
                ex=self.cooldown_seconds,
            )


def _attach(incident: Incident, alert: Alert) -> Incident:
    if all(existing.key != alert.key for existing in incident.alerts):
        incident.alerts = [*incident.alerts, alert][-_MAX_ALERTS:]
    return incident


def _matches(incident: Incident, state: State | None, service: str | None) -> bool:
    if state is not None and incident.state != state:
        return False
    return service is None or service in (incident.target.service_id, incident.target.service_name)


async def state_counts(redis: Redis) -> dict[str, int]:
    """How many incidents are in each state (kept up to date by every write)."""
    raw = await redis.hgetall(keys.INCIDENTS_BY_STATE)  # type: ignore[misc]  # redis-py types sync|async
    return {k.decode(): int(v) for k, v in raw.items() if int(v) > 0}
