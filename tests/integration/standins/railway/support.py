"""Helpers for the Railway stand-in tests: a fixed clock, an instant sleep, scenario times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypedDict

from standins.railway import World

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC).timestamp()
URL = "http://railway.standin/graphql/v2"
ACCOUNT_TOKEN = "standin-account-token"
PROJECT_TOKEN = "standin-project-token"


class FakeClock:
    """Seconds since the epoch, moved only by the test."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Sleeps:
    """An instant sleep that remembers what it was asked for."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def at(world: World, offset_seconds: float) -> datetime:
    """The moment ``offset_seconds`` after the world's anchor."""
    return datetime.fromtimestamp(world.anchor + offset_seconds, UTC)


def alert_time(world: World) -> datetime:
    """When the scenario's webhook fired."""
    return at(world, world.scenario.alert.offset_seconds)


class ServiceWindow(TypedDict):
    """Keyword arguments naming one service over one window, for the client's metric methods."""

    environment_id: str
    service_id: str
    start: datetime
    end: datetime


def service_window(world: World, service: int, start: datetime, end: datetime) -> ServiceWindow:
    """The ``service``-th service of the scenario over ``start..end``."""
    return ServiceWindow(
        environment_id=world.scenario.environment.id,
        service_id=world.scenario.services[service].id,
        start=start,
        end=end,
    )
