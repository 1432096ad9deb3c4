"""The gather-context step on every Railway scenario: within budget, errors kept, secrets masked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from pipeline.context.secrets.masker import SecretMasker
from pipeline.incidents.model import Alert, Incident, Target
from pipeline.investigation.context import IncidentContext, build_context
from pipeline.railway.auth import RailwayCredentials
from pipeline.railway.client import RailwayClient
from pipeline.railway.errors import CallContext, RailwayQueryError
from pipeline.railway.queries import BATCH_LOGS
from standins.railway.app import create_app
from standins.railway.catalog import scenario_names, world_for
from standins.railway.ground_truth import kept
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN, StandinState
from standins.railway.world import World


def incident_for(name: str, alert_at: datetime) -> Incident:
    world = world_for(name)
    payload = world.scenario.alert.payload
    expected = world.scenario.expected
    return Incident(
        target=Target(
            project_id=world.scenario.project.id,
            environment_id=world.scenario.environment.id,
            service_id=expected.service_id,
            service_name=next(
                s.name for s in world.scenario.services if s.id == expected.service_id
            ),
        ),
        kind=expected.kind,
        signature=expected.kind,
        alerts=[Alert(source="railway", kind=str(payload["type"]).lower(), key="k", at=alert_at)],
    )


async def context_of(
    name: str, client: type[RailwayClient] = RailwayClient
) -> tuple[IncidentContext, World, StandinState]:
    """The scenario's context read by ``client`` from the stand-in, 20 minutes after the alert."""
    world = world_for(name, alert_age_seconds=20 * 60)
    alert_at = datetime.fromtimestamp(world.anchor + world.scenario.alert.offset_seconds, UTC)
    app = create_app(world)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as http:
        railway = client(
            http,
            url="http://railway/graphql/v2",
            credentials=RailwayCredentials.account(DEFAULT_ACCOUNT_TOKEN),
        )
        context = await build_context(
            railway,
            None,
            SecretMasker(),
            incident_for(name, alert_at),
            workspace=None,
            now=datetime.now(UTC),
            budget=12_000,
            max_trace_lines=60,
        )
    return context, world, app.state.railway


@pytest.mark.parametrize("name", scenario_names())
async def test_context_keeps_every_error_and_masks_secrets(name: str) -> None:
    context, world, _ = await context_of(name)
    assert context.tokens <= 12_000
    assert context.problems == []
    masker = SecretMasker()
    templates = [masker.mask(t).text for t in world.scenario.error_templates]
    missing = [t for t in templates if not kept(t, context.text)]
    assert not missing, f"templates lost: {missing}"
    for secret in world.scenario.planted_secrets:
        assert secret not in context.text
    if world.scenario.planted_secrets:
        assert sum(context.masked.values()) >= 1


class _BatchRefused(RailwayClient):
    """Railway refusing the batched request, as it would one naming a deleted deployment."""

    async def deployment_logs_batch(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RailwayQueryError(CallContext(BATCH_LOGS, {}), ["Deployment not found"], 200)


@pytest.mark.parametrize("refused", [False, True])
async def test_other_services_logs_come_batched_or_one_by_one(refused: bool) -> None:
    context, world, state = await context_of(
        "memory_leak", _BatchRefused if refused else RailwayClient
    )
    others = sorted(k for k in context.kept if k.startswith("logs.deploy."))
    expected = sorted(
        f"logs.deploy.{s.name}"
        for s in world.scenario.services
        if s.id != world.scenario.expected.service_id
    )
    assert others == expected
    assert context.problems == []
    operations = state.operations()
    assert (BATCH_LOGS in operations) is not refused
    assert operations.count("DeploymentLogs") == (1 + len(expected) if refused else 1)
