"""Assembling a project's architecture from Railway's paginated connections."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from pipeline.railway.models import Environment, ProjectArchitecture, ServiceInstance, Volume
from pipeline.railway.responses import (
    Connection,
    EnvironmentInstancesData,
    EnvironmentNode,
    EnvironmentPages,
    NodeT,
    ProjectArchitectureData,
)

ShapeT = TypeVar("ShapeT", bound=BaseModel)

PAGE_SIZE = 100
"""Items per page; large enough that a typical project needs a single request."""


class Fetch(Protocol):
    """Runs a named operation and reads its data as ``shape`` (``GraphQLTransport.fetch``)."""

    async def __call__(
        self, name: str, variables: Mapping[str, Any], shape: type[ShapeT]
    ) -> ShapeT: ...


async def fetch_architecture(
    fetch: Fetch, project_id: str, page_size: int = PAGE_SIZE
) -> ProjectArchitecture:
    """The project with every environment, service instance and volume, all pages followed."""
    environments: list[Environment] = []
    after: str | None = None
    while True:
        variables = {
            "projectId": project_id,
            "first": page_size,
            "after": after,
            "nestedFirst": page_size,
        }
        project = (await fetch("ProjectArchitecture", variables, ProjectArchitectureData)).project
        for node in project.environments.nodes():
            environments.append(await _environment(fetch, node, page_size))
        if not project.environments.page_info.has_next_page:
            break
        after = project.environments.page_info.end_cursor
    return ProjectArchitecture(
        id=project.id,
        name=project.name,
        workspace_id=project.workspace_id,
        environments=environments,
    )


async def _environment(fetch: Fetch, node: EnvironmentNode, page_size: int) -> Environment:
    services = await _all_pages(
        fetch,
        "EnvironmentServiceInstances",
        node.id,
        node.service_instances,
        lambda environment: environment.service_instances,
        page_size,
    )
    volumes = await _all_pages(
        fetch,
        "EnvironmentVolumeInstances",
        node.id,
        node.volume_instances,
        lambda environment: environment.volume_instances,
        page_size,
    )
    return attach_volumes(node.id, node.name, node.is_ephemeral, services, volumes)


async def _all_pages(
    fetch: Fetch,
    name: str,
    environment_id: str,
    first: Connection[NodeT],
    pick: Callable[[EnvironmentPages], Connection[NodeT] | None],
    page_size: int,
) -> list[NodeT]:
    nodes, info = first.nodes(), first.page_info
    while info.has_next_page:
        variables = {"environmentId": environment_id, "first": page_size, "after": info.end_cursor}
        page = pick((await fetch(name, variables, EnvironmentInstancesData)).environment)
        if page is None:
            break
        nodes += page.nodes()
        info = page.page_info
    return nodes


def attach_volumes(
    environment_id: str,
    name: str,
    is_ephemeral: bool,
    services: list[ServiceInstance],
    volumes: list[Volume],
) -> Environment:
    """An environment whose services carry the volumes they mount; the rest are orphans."""
    by_service: dict[str, list[Volume]] = {}
    for volume in volumes:
        by_service.setdefault(volume.service_id or "", []).append(volume)
    known = {s.service_id for s in services}
    return Environment(
        id=environment_id,
        name=name,
        is_ephemeral=is_ephemeral,
        services=[
            s.model_copy(update={"volumes": by_service.get(s.service_id, [])}) for s in services
        ],
        orphan_volumes=[v for v in volumes if v.service_id not in known],
    )
