"""What Railway says about a project: its environments, services, volumes and deployments.

Field names are ours (snake case); aliases follow Railway's camel case, so a GraphQL node
validates straight into these models.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import AliasPath, BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

from pipeline.railway.databases import database_engine


class RailwayModel(BaseModel):
    """Base of the client's models: immutable, built from Railway's camel-case JSON."""

    model_config = ConfigDict(
        frozen=True,
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        extra="ignore",
    )


class DeploymentStatus(StrEnum):
    """Railway's ``DeploymentStatus``."""

    BUILDING = "BUILDING"
    CRASHED = "CRASHED"
    DEPLOYING = "DEPLOYING"
    FAILED = "FAILED"
    INITIALIZING = "INITIALIZING"
    NEEDS_APPROVAL = "NEEDS_APPROVAL"
    QUEUED = "QUEUED"
    REMOVED = "REMOVED"
    REMOVING = "REMOVING"
    SKIPPED = "SKIPPED"
    SLEEPING = "SLEEPING"
    SUCCESS = "SUCCESS"
    WAITING = "WAITING"


class CommitInfo(RailwayModel):
    """The commit a deployment was built from, read from Railway's ``DeploymentMeta`` JSON."""

    hash: str = Field(alias="commitHash")
    message: str | None = Field(None, alias="commitMessage")
    author: str | None = Field(None, alias="commitAuthor")
    branch: str | None = None
    repo: str | None = None


class DeploymentInstance(RailwayModel):
    """One replica of a deployment and its state (``RUNNING``, ``CRASHED``, ``RESTARTING``…)."""

    id: str
    status: str


class DeploymentRef(RailwayModel):
    """The short form of a deployment, as a service instance shows its latest one."""

    id: str
    status: DeploymentStatus
    created_at: datetime | None = None


class Deployment(RailwayModel):
    """One deployment of a service, with the commit it came from when it came from git."""

    id: str
    status: DeploymentStatus
    created_at: datetime
    updated_at: datetime | None = None
    status_updated_at: datetime | None = None
    project_id: str
    environment_id: str
    service_id: str | None = None
    static_url: str | None = None
    commit: CommitInfo | None = Field(None, alias="meta")
    instances: list[DeploymentInstance] = []

    @field_validator("commit", mode="before")
    @classmethod
    def _commit_from_meta(cls, meta: Any) -> Any:
        # Image deploys and redeploys have meta without a commit; that is "no commit", not bad data.
        if isinstance(meta, dict) and not meta.get("commitHash"):
            return None
        return meta


class Volume(RailwayModel):
    """A volume mounted in one environment, with its size and how full it is."""

    id: str
    volume_id: str
    name: str | None = Field(None, validation_alias=AliasPath("volume", "name"))
    service_id: str | None = None
    environment_id: str
    mount_path: str
    size_mb: int = Field(alias="sizeMB")
    used_mb: float = Field(alias="currentSizeMB")
    state: str | None = None
    region: str | None = None

    @property
    def usage_ratio(self) -> float | None:
        """Used / size, or ``None`` when the size is unknown."""
        return self.used_mb / self.size_mb if self.size_mb > 0 else None


class ServiceInstance(RailwayModel):
    """A service as deployed in one environment: where its code comes from and how it runs."""

    id: str
    service_id: str
    name: str = Field(alias="serviceName")
    environment_id: str
    repo: str | None = Field(None, validation_alias=AliasPath("source", "repo"))
    image: str | None = Field(None, validation_alias=AliasPath("source", "image"))
    builder: str
    build_command: str | None = None
    start_command: str | None = None
    root_directory: str | None = None
    config_file: str | None = Field(None, alias="railwayConfigFile")
    healthcheck_path: str | None = None
    healthcheck_timeout: int | None = None
    region: str | None = None
    replicas: int | None = Field(None, alias="numReplicas")
    restart_policy: str = Field(alias="restartPolicyType")
    restart_policy_max_retries: int
    latest_deployment: DeploymentRef | None = None
    volumes: list[Volume] = []

    @property
    def database(self) -> str | None:
        """The database engine this service runs, judged by its image; ``None`` for apps."""
        return database_engine(self.image)


class Environment(RailwayModel):
    """An environment with its services; ``orphan_volumes`` are volumes no service mounts."""

    id: str
    name: str
    is_ephemeral: bool
    services: list[ServiceInstance] = []
    orphan_volumes: list[Volume] = []

    def service(self, service_id: str) -> ServiceInstance | None:
        """The service with this id, if it runs here."""
        return next((s for s in self.services if s.service_id == service_id), None)


class ProjectArchitecture(RailwayModel):
    """A project and everything running in each of its environments."""

    id: str
    name: str
    workspace_id: str | None = None
    environments: list[Environment] = []

    def environment(self, environment_id: str) -> Environment | None:
        """The environment with this id, if the project has it."""
        return next((e for e in self.environments if e.id == environment_id), None)
