"""Every document the client can send validates against Railway's schema."""

from __future__ import annotations

import pytest
from graphql import OperationDefinitionNode

from pipeline.railway.queries import BATCH_LOGS, deployment_logs_batch, operation, operation_names
from standins.railway.schema import check

EXPECTED = {
    "BuildLogs",
    "Deployment",
    "DeploymentLogs",
    "EnvironmentServiceInstances",
    "EnvironmentVolumeInstances",
    "HttpDurationMetrics",
    "HttpLogs",
    "HttpMetricsByStatus",
    "ProjectArchitecture",
    "RecentDeployments",
    "ResourceLimits",
    "ServiceMetrics",
}


def test_the_client_ships_the_expected_operations() -> None:
    assert set(operation_names()) == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_validates_and_names_its_operation(name: str) -> None:
    document, problems = check(operation(name).document)
    assert problems == []
    assert document is not None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert [o.name.value for o in operations if o.name] == [name]


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        # The reference demo's httpLogs window: the current schema has no startDate/endDate.
        (
            "query ($d: String!, $s: String) { httpLogs(deploymentId: $d, startDate: $s) "
            "{ timestamp } }",
            "Unknown argument 'startDate'",
        ),
        # Railway's docs example: successfulOnly is not a field of DeploymentStatusInput.
        (
            "query { deployments(input: {status: {successfulOnly: true}}) "
            "{ edges { node { id } } } }",
            "successfulOnly",
        ),
        ('query { project(id: "p") { id nope } }', "Cannot query field 'nope'"),
        ("query { project(id: ", "Syntax Error"),
    ],
)
def test_invalid_documents_are_caught(document: str, complaint: str) -> None:
    _, problems = check(document)
    assert any(complaint in p.message for p in problems)


def test_fragments_are_appended_once_and_only_when_used() -> None:
    document = operation("ProjectArchitecture").document
    assert document.count("fragment ServiceInstanceFields") == 1
    assert document.count("fragment PageInfoFields") == 1
    assert "fragment DeploymentFields" not in document


@pytest.mark.parametrize("count", [1, 2, 10])
def test_batched_log_documents_validate(count: int) -> None:
    op = deployment_logs_batch(count)
    document, problems = check(op.document)
    assert problems == []
    assert document is not None
    assert op.name == BATCH_LOGS
    assert op.document.count("deploymentLogs(") == count
    assert op.document.count("fragment LogFields") == 1


def test_a_batch_of_no_deployments_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        deployment_logs_batch(0)
