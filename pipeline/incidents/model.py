"""An incident: one production problem of one service, from first alert to its outcome."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from pipeline.detection.verdict import Verdict
from pipeline.incidents.states import State, is_open


def utcnow() -> datetime:
    """Now, timezone-aware."""
    return datetime.now(UTC)


def new_incident_id() -> str:
    """A short, URL-safe, unguessable id such as ``inc_5kq2w7x9m3ab``."""
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    return "inc_" + "".join(secrets.choice(alphabet) for _ in range(12))


class Alert(BaseModel):
    """One signal that pointed at the incident (a webhook, a sweep finding, a person)."""

    source: Literal["railway", "sweep", "manual"]
    kind: str
    key: str
    at: datetime
    received_at: datetime = Field(default_factory=utcnow)
    summary: str = ""


class Transition(BaseModel):
    """A recorded change of state."""

    at: datetime = Field(default_factory=utcnow)
    from_state: State
    to_state: State
    reason: str = ""


class PullRequestRef(BaseModel):
    """The pull request autofix opened for the incident."""

    repo: str
    number: int
    url: str
    branch: str
    head_sha: str | None = None


class Target(BaseModel):
    """What the incident is about: a service in an environment of a Railway project."""

    project_id: str | None = None
    environment_id: str | None = None
    service_id: str
    service_name: str = ""
    deployment_id: str | None = None


class Incident(BaseModel):
    """The whole record of an incident; stored as one JSON document."""

    id: str = Field(default_factory=new_incident_id)
    target: Target
    kind: str
    signature: str
    state: State = State.RECEIVED
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    alerts: list[Alert] = Field(default_factory=list)
    history: list[Transition] = Field(default_factory=list)
    attempt: int = 1
    evidence: Verdict | None = None
    decision: str | None = None
    summary: str | None = None
    pull_request: PullRequestRef | None = None
    issue_url: str | None = None
    error: str | None = None

    @property
    def run_id(self) -> str:
        """Id of the current attempt's run; step results are memoised under it."""
        return f"{self.id}.{self.attempt}"

    @property
    def is_open(self) -> bool:
        """True while the incident holds its (service, signature) slot."""
        return is_open(self.state)
