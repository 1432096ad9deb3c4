from __future__ import annotations

from pipeline.railway.architecture import attach_volumes
from pipeline.railway.models import Deployment, DeploymentStatus, ServiceInstance, Volume
from pipeline.railway.telemetry import HttpStatusCounts, LogLine
from pipeline.series import Point

DEPLOYMENT = {
    "id": "d-1",
    "status": "CRASHED",
    "createdAt": "2026-03-01T12:00:00.000Z",
    "projectId": "p",
    "environmentId": "e",
    "serviceId": "s",
    "meta": {
        "commitHash": "abc123",
        "commitMessage": "fix: x",
        "commitAuthor": "dana",
        "branch": "main",
        "repo": "acme/shop-api",
        "reason": "deploy",
    },
    "instances": [{"id": "r0", "status": "CRASHED"}],
}


def test_deployment_reads_commit_from_meta() -> None:
    deployment = Deployment.model_validate(DEPLOYMENT)
    assert deployment.status is DeploymentStatus.CRASHED
    assert deployment.commit is not None
    assert (deployment.commit.hash, deployment.commit.author, deployment.commit.repo) == (
        "abc123",
        "dana",
        "acme/shop-api",
    )


def test_image_deploy_has_no_commit() -> None:
    image = {**DEPLOYMENT, "meta": {"image": "postgres:16", "reason": "deploy"}}
    assert Deployment.model_validate(image).commit is None
    assert Deployment.model_validate({**DEPLOYMENT, "meta": None}).commit is None


def instance(service_id: str, image: str | None = None) -> ServiceInstance:
    return ServiceInstance.model_validate(
        {
            "id": f"si-{service_id}",
            "serviceId": service_id,
            "serviceName": service_id,
            "environmentId": "e",
            "builder": "RAILPACK",
            "restartPolicyType": "ON_FAILURE",
            "restartPolicyMaxRetries": 10,
            "source": {"image": image, "repo": None},
        }
    )


def volume(volume_id: str, service_id: str | None) -> Volume:
    return Volume.model_validate(
        {
            "id": f"vi-{volume_id}",
            "volumeId": volume_id,
            "serviceId": service_id,
            "environmentId": "e",
            "mountPath": "/data",
            "sizeMB": 1000,
            "currentSizeMB": 250.0,
            "volume": {"name": volume_id},
        }
    )


def test_volumes_attach_to_their_service_and_orphans_are_kept() -> None:
    environment = attach_volumes(
        "e",
        "production",
        False,
        [instance("api"), instance("pg", "ghcr.io/railwayapp-templates/postgres-ssl:16")],
        [volume("uploads", "api"), volume("pgdata", "pg"), volume("lost", None)],
    )
    api, pg = environment.services
    assert [v.name for v in api.volumes] == ["uploads"]
    assert [v.name for v in environment.orphan_volumes] == ["lost"]
    assert api.volumes[0].usage_ratio == 0.25
    # A volume does not make a database; the image does.
    assert (api.database, pg.database) == (None, "postgres")
    assert environment.service("pg") == pg


def test_status_counts_total_and_error_rate() -> None:
    counts = HttpStatusCounts.model_validate(
        {
            "service_id": "s",
            "start": "2026-03-01T12:00:00Z",
            "end": "2026-03-01T12:30:00Z",
            "by_status": {200: [Point(0, 90.0), Point(60, 5.0)], 503: [Point(0, 5.0)]},
        }
    )
    assert counts.total() == 100
    assert counts.server_error_rate() == 0.05


def test_log_line_attributes_are_read_by_key() -> None:
    line = LogLine.model_validate(
        {
            "timestamp": "2026-03-01T12:00:00.123456789Z",
            "message": "boom",
            "severity": "error",
            "attributes": [{"key": "level", "value": "error"}],
        }
    )
    assert line.attribute("level") == "error"
    assert line.attribute("missing") is None
