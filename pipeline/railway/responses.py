"""The shapes of Railway's responses, one per operation; the client unwraps them into models."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel

from pipeline.railway.models import Deployment, ServiceInstance, Volume
from pipeline.railway.telemetry import HttpLogEntry, LatencySample, LogLine
from pipeline.series import Point

NodeT = TypeVar("NodeT", bound=BaseModel)


class Shape(BaseModel):
    """Base of response shapes: camel-case aliases, unknown fields ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class PageInfo(Shape):
    """Where a connection page ends."""

    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: str | None = Field(None, alias="endCursor")


class Edge(Shape, Generic[NodeT]):
    """One edge of a Relay connection."""

    node: NodeT


class Connection(Shape, Generic[NodeT]):
    """A Relay connection page."""

    edges: list[Edge[NodeT]]
    page_info: PageInfo = Field(
        default_factory=lambda: PageInfo(hasNextPage=False), alias="pageInfo"
    )

    def nodes(self) -> list[NodeT]:
        """The nodes of this page, in order."""
        return [edge.node for edge in self.edges]


class ServiceInstancePage(Connection[ServiceInstance]):
    """A page of service instances."""


class VolumePage(Connection[Volume]):
    """A page of volume instances."""


class EnvironmentNode(Shape):
    """An environment with the first page of its instances."""

    id: str
    name: str
    is_ephemeral: bool = Field(alias="isEphemeral")
    service_instances: ServiceInstancePage = Field(alias="serviceInstances")
    volume_instances: VolumePage = Field(alias="volumeInstances")


class ProjectNode(Shape):
    """A project with a page of its environments."""

    id: str
    name: str
    workspace_id: str | None = Field(None, alias="workspaceId")
    environments: Connection[EnvironmentNode]


class ProjectArchitectureData(Shape):
    """``ProjectArchitecture``."""

    project: ProjectNode


class EnvironmentPages(Shape):
    """The one connection an environment follow-up query asks for."""

    service_instances: ServiceInstancePage | None = Field(None, alias="serviceInstances")
    volume_instances: VolumePage | None = Field(None, alias="volumeInstances")


class EnvironmentInstancesData(Shape):
    """``EnvironmentServiceInstances`` and ``EnvironmentVolumeInstances``."""

    environment: EnvironmentPages


class MetricTags(Shape):
    """The tags a metrics result was grouped by."""

    service_id: str | None = Field(None, alias="serviceId")


class MetricsResult(Shape):
    """One measurement's series (for one group)."""

    measurement: str
    tags: MetricTags = MetricTags()
    values: list[Point]


class MetricsData(Shape):
    """``ServiceMetrics`` and ``ResourceLimits``."""

    metrics: list[MetricsResult]

    def latest_by_service(self, measurement: str) -> dict[str, float]:
        """The newest value of ``measurement`` per service, for results grouped by service."""
        # Limits are step functions, so the newest point is the limit in force now.
        return {
            r.tags.service_id: r.values[-1].value
            for r in self.metrics
            if r.measurement == measurement and r.tags.service_id and r.values
        }


class StatusResult(Shape):
    """Request counts of one status code."""

    status_code: int = Field(alias="statusCode")
    samples: list[Point]


class HttpMetricsByStatusData(Shape):
    """``HttpMetricsByStatus``."""

    results: list[StatusResult] = Field(alias="httpMetricsGroupedByStatus")


class DurationResult(Shape):
    """Duration percentiles per step."""

    samples: list[LatencySample]


class HttpDurationMetricsData(Shape):
    """``HttpDurationMetrics``."""

    result: DurationResult = Field(alias="httpDurationMetrics")


class HttpLogsData(Shape):
    """``HttpLogs``."""

    entries: list[HttpLogEntry] = Field(alias="httpLogs")


class BuildLogsData(Shape):
    """``BuildLogs``."""

    lines: list[LogLine] = Field(alias="buildLogs")


class DeploymentLogsData(Shape):
    """``DeploymentLogs``."""

    lines: list[LogLine] = Field(alias="deploymentLogs")


class DeploymentLogsBatchData(RootModel[dict[str, list[LogLine]]]):
    """``DeploymentLogsBatch``: each alias (``d0``, ``d1``...) with its deployment's lines."""

    model_config = ConfigDict(frozen=True)


class RecentDeploymentsData(Shape):
    """``RecentDeployments``."""

    deployments: Connection[Deployment]


class DeploymentData(Shape):
    """``Deployment``."""

    deployment: Deployment
