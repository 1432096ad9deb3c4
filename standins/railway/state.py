"""Everything one stand-in app holds: the world, its tokens, armed faults, requests seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from standins.railway.faults import FaultPlan
from standins.railway.world import World

AuthKind = Literal["account", "project", "none", "invalid"]

DEFAULT_ACCOUNT_TOKEN = "standin-account-token"
DEFAULT_PROJECT_TOKEN = "standin-project-token"
HOURLY_QUOTA = 10_000
"""Pro plan's requests per hour, reported in ``X-RateLimit-*`` headers."""


@dataclass(frozen=True)
class Tokens:
    """The tokens the stand-in accepts, each only in its own header (as Railway does)."""

    account: str = DEFAULT_ACCOUNT_TOKEN
    project: str = DEFAULT_PROJECT_TOKEN

    def kind(self, headers: dict[str, str]) -> AuthKind:
        """Which valid token the request carries, ``none``, or ``invalid``."""
        bearer = headers.get("authorization", "")
        project = headers.get("project-access-token")
        if project is not None:
            return "project" if project == self.project else "invalid"
        if not bearer:
            return "none"
        scheme, _, token = bearer.partition(" ")
        return "account" if scheme.lower() == "bearer" and token == self.account else "invalid"


class RecordedRequest(BaseModel):
    """One request to ``/graphql/v2`` as the stand-in saw it."""

    operation: str | None
    variables: dict[str, Any]
    auth: AuthKind
    status: int
    errors: list[str]


@dataclass
class StandinState:
    """The mutable state behind one app; tests may read it directly when in-process."""

    world: World
    tokens: Tokens = field(default_factory=Tokens)
    faults: FaultPlan = field(default_factory=FaultPlan)
    requests: list[RecordedRequest] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        """Requests left in this hour's quota."""
        return max(0, HOURLY_QUOTA - len(self.requests))

    def operations(self) -> list[str | None]:
        """The operation names received, in order."""
        return [r.operation for r in self.requests]
