"""Following every page of the project's connections, with a hand-written fetch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from pipeline.railway.architecture import fetch_architecture

ShapeT = TypeVar("ShapeT", bound=BaseModel)


def node(kind: str, n: int) -> dict[str, Any]:
    if kind == "service":
        return {
            "id": f"si-{n}",
            "serviceId": f"s-{n}",
            "serviceName": f"svc-{n}",
            "environmentId": "e",
            "builder": "RAILPACK",
            "restartPolicyType": "NEVER",
            "restartPolicyMaxRetries": 0,
        }
    return {
        "id": f"vi-{n}",
        "volumeId": f"v-{n}",
        "serviceId": f"s-{n}",
        "environmentId": "e",
        "mountPath": "/data",
        "sizeMB": 100,
        "currentSizeMB": 1.0,
    }


def page(kind: str, numbers: range, total: int) -> dict[str, Any]:
    more = numbers.stop < total
    return {
        "edges": [{"node": node(kind, n)} for n in numbers],
        "pageInfo": {"hasNextPage": more, "endCursor": str(numbers.stop - 1)},
    }


class PagedProject:
    """One environment with 5 services and 3 volumes, served 2 at a time."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    async def __call__(
        self, name: str, variables: Mapping[str, Any], shape: type[ShapeT]
    ) -> ShapeT:
        self.calls.append((name, dict(variables)))
        start = int(variables["after"]) + 1 if variables.get("after") else 0
        if name == "ProjectArchitecture":
            data: dict[str, Any] = {
                "project": {
                    "id": "p",
                    "name": "shop",
                    "environments": {
                        "edges": [
                            {
                                "node": {
                                    "id": "e",
                                    "name": "production",
                                    "isEphemeral": False,
                                    "serviceInstances": page("service", range(0, 2), 5),
                                    "volumeInstances": page("volume", range(0, 2), 3),
                                }
                            }
                        ],
                        "pageInfo": {"hasNextPage": False, "endCursor": "0"},
                    },
                }
            }
        elif name == "EnvironmentServiceInstances":
            data = {
                "environment": {
                    "serviceInstances": page("service", range(start, min(start + 2, 5)), 5)
                }
            }
        else:
            data = {
                "environment": {
                    "volumeInstances": page("volume", range(start, min(start + 2, 3)), 3)
                }
            }
        return shape.model_validate(data)


async def test_every_page_of_services_and_volumes_is_followed() -> None:
    fetch = PagedProject()
    project = await fetch_architecture(fetch, "p", page_size=2)
    services = project.environments[0].services
    assert [s.service_id for s in services] == [f"s-{n}" for n in range(5)]
    assert [len(s.volumes) for s in services] == [1, 1, 1, 0, 0]
    assert [name for name, _ in fetch.calls] == [
        "ProjectArchitecture",
        "EnvironmentServiceInstances",
        "EnvironmentServiceInstances",
        "EnvironmentVolumeInstances",
    ]
    assert fetch.calls[1][1] == {"environmentId": "e", "first": 2, "after": "1"}
