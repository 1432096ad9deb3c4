"""What the receiver's handlers share, opened in the app's lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from arq.connections import ArqRedis
from starlette.requests import Request

from config.settings import Settings
from pipeline.intake.classify import Policy

if TYPE_CHECKING:
    from receiver.metrics import ReceiverMetrics


@dataclass(frozen=True)
class ReceiverState:
    """Settings, the queue, and the intake policy derived from settings once."""

    settings: Settings
    redis: ArqRedis
    policy: Policy
    metrics: ReceiverMetrics


def state_of(request: Request) -> ReceiverState:
    """The typed state of the running app."""
    state: ReceiverState = request.state.receiver
    return state
