"""Scenario objects as GraphQL values: dicts keyed by schema field names.

graphql-core's default resolver reads a dict key per field and calls it when it is callable,
so fields with arguments (connections) are functions of those arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from standins.railway.scenario import ServiceSpec, VolumeSpec
from standins.railway.timestamps import iso_millis
from standins.railway.world import DeploymentState, World

_INSTANCE_STATUS = {
    "SUCCESS": "RUNNING",
    "CRASHED": "CRASHED",
    "REMOVED": "REMOVED",
    "FAILED": "EXITED",
    "SLEEPING": "STOPPED",
}


def _created(world: World) -> str:
    # Projects and services in a scenario are old: made well before any window a test asks about.
    return iso_millis(world.anchor - 90 * 86400)


def _updated(world: World) -> str:
    return iso_millis(world.anchor - 86400)


def connection(
    nodes: Sequence[Any], first: int | None = None, after: str | None = None, **_: Any
) -> dict[str, Any]:
    """A Relay connection page; cursors are positions, as opaque to clients as Railway's."""
    start = int(after) + 1 if after else 0
    stop = len(nodes) if first is None else min(len(nodes), start + first)
    edges = [{"cursor": str(i), "node": nodes[i]} for i in range(start, stop)]
    return {
        "edges": edges,
        "pageInfo": {
            "hasNextPage": stop < len(nodes),
            "hasPreviousPage": start > 0,
            "startCursor": edges[0]["cursor"] if edges else None,
            "endCursor": edges[-1]["cursor"] if edges else None,
        },
    }


def paged(nodes: Callable[[], Sequence[Any]]) -> Callable[..., dict[str, Any]]:
    """A connection field: called by graphql-core with the field's arguments."""
    return lambda info, **args: connection(nodes(), **args)


def project(world: World) -> dict[str, Any]:
    """``Project``."""
    scenario = world.scenario
    return {
        "id": scenario.project.id,
        "name": scenario.project.name,
        "description": scenario.description,
        "workspaceId": scenario.workspace.id,
        "createdAt": _created(world),
        "updatedAt": _updated(world),
        "isPublic": False,
        "isTempProject": False,
        "prDeploys": False,
        "botPrEnvironments": False,
        "focusedPrEnvironments": False,
        "baseEnvironmentId": scenario.environment.id,
        "primaryEnvironmentId": scenario.environment.id,
        "environments": paged(lambda: [environment(world)]),
        "services": paged(lambda: [service(world, s) for s in scenario.services]),
    }


def environment(world: World) -> dict[str, Any]:
    """``Environment``."""
    env = world.scenario.environment
    return {
        "id": env.id,
        "name": env.name,
        "projectId": world.scenario.project.id,
        "isEphemeral": False,
        "canAccess": True,
        "createdAt": _created(world),
        "updatedAt": _updated(world),
        "serviceInstances": paged(
            lambda: [service_instance(world, s) for s in world.scenario.services]
        ),
        "volumeInstances": paged(
            lambda: [
                volume_instance(world, s, s.volume) for s in world.scenario.services if s.volume
            ]
        ),
        "deployments": paged(
            lambda: [
                deployment(world, d)
                for s in world.scenario.services
                for d in world.deployments_of(s.id)
            ]
        ),
    }


def service(world: World, spec: ServiceSpec) -> dict[str, Any]:
    """``Service``."""
    return {
        "id": spec.id,
        "name": spec.name,
        "projectId": world.scenario.project.id,
        "createdAt": _created(world),
        "updatedAt": _updated(world),
        "isRestricted": False,
        "hasHiddenRegistryCredentialsFromTemplate": False,
        "featureFlags": [],
        "icon": None,
    }


def service_instance(world: World, spec: ServiceSpec) -> dict[str, Any]:
    """``ServiceInstance``."""
    history = world.deployments_of(spec.id)
    return {
        "id": spec.instance_id,
        "serviceId": spec.id,
        "serviceName": spec.name,
        "environmentId": world.scenario.environment.id,
        "builder": spec.builder,
        "buildCommand": spec.build_command,
        "startCommand": spec.start_command,
        "rootDirectory": spec.root_directory,
        "railwayConfigFile": None,
        "healthcheckPath": spec.healthcheck_path,
        "healthcheckTimeout": 300 if spec.healthcheck_path else None,
        "region": spec.region,
        "numReplicas": spec.replicas,
        "restartPolicyType": spec.restart_policy,
        "restartPolicyMaxRetries": spec.restart_max_retries,
        "source": {"repo": spec.repo, "image": spec.image},
        "latestDeployment": deployment(world, history[0]) if history else None,
        "activeDeployments": [deployment(world, d) for d in history if d.status == "SUCCESS"],
        "createdAt": _created(world),
        "updatedAt": _updated(world),
        "isUpdatable": True,
        "watchPatterns": [],
        "service": service(world, spec),
    }


def volume_instance(world: World, spec: ServiceSpec, volume: VolumeSpec) -> dict[str, Any]:
    """``VolumeInstance`` of a volume the service mounts."""
    return {
        "id": volume.instance_id,
        "volumeId": volume.id,
        "serviceId": spec.id,
        "environmentId": world.scenario.environment.id,
        "mountPath": volume.mount_path,
        "sizeMB": volume.size_mb,
        "currentSizeMB": volume.used_mb,
        "state": "READY",
        "region": spec.region,
        "externalId": None,
        "isPendingDeletion": False,
        "createdAt": _created(world),
        "volume": {
            "id": volume.id,
            "name": volume.name,
            "projectId": world.scenario.project.id,
            "createdAt": _created(world),
        },
    }


def deployment(world: World, state: DeploymentState) -> dict[str, Any]:
    """``Deployment``; ``meta`` carries the commit the way Railway's ``DeploymentMeta`` does."""
    spec = world.service(state.service_id)
    meta: dict[str, Any] = {"reason": "deploy"}
    if state.commit is not None:
        meta |= {
            "commitHash": state.commit.hash,
            "commitMessage": state.commit.message,
            "commitAuthor": state.commit.author,
            "branch": state.commit.branch,
            "repo": spec.repo if spec else None,
        }
    elif spec is not None and spec.image:
        meta |= {"image": spec.image}
    instance_status = _INSTANCE_STATUS.get(state.status, "REMOVED")
    return {
        "id": state.id,
        "status": state.status,
        "createdAt": iso_millis(state.created),
        "updatedAt": iso_millis(state.created + 120),
        "statusUpdatedAt": iso_millis(state.created + 120),
        "projectId": world.scenario.project.id,
        "environmentId": world.scenario.environment.id,
        "serviceId": state.service_id,
        "snapshotId": f"snapshot-{state.id}",
        "staticUrl": f"{spec.name}-production.up.railway.app" if spec and spec.repo else None,
        "url": None,
        "meta": meta,
        "instances": [{"id": r, "status": instance_status} for r in state.replica_ids],
        "canRedeploy": True,
        "canRollback": state.status != "SUCCESS",
        "deploymentStopped": state.status == "REMOVED",
        "suggestAddServiceDomain": False,
        "sockets": [],
        "creator": None,
    }
