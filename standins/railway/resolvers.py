"""The root ``Query`` fields the stand-in answers, each read from the world.

Fields not listed here exist in the schema (so documents using them validate) but resolve to
null, which the schema turns into an error for non-null fields: a test that needs one fails
loudly rather than getting invented data.
"""

from __future__ import annotations

from typing import Any, TypeVar

from standins.railway import entities, http_logs, service_logs
from standins.railway.http_logs import HttpLogQuery
from standins.railway.http_metrics import duration_samples, status_samples, steps
from standins.railway.log_filter import compile_filter
from standins.railway.metrics import MetricsQuery, metrics_results
from standins.railway.service_logs import Window
from standins.railway.timestamps import parse_time
from standins.railway.traffic import Traffic
from standins.railway.world import DeploymentState, World

T = TypeVar("T")


class NotFound(Exception):
    """Railway's answer for an id it does not know (``Project not found``)."""


class RailwayQuery:
    """The supported ``Query`` fields; ``root()`` maps their GraphQL names for graphql-core."""

    def __init__(self, world: World) -> None:
        self._world = world

    def project(self, info: object, **args: Any) -> dict[str, Any]:
        """``project(id)``."""
        _require(args["id"] == self._world.scenario.project.id, "Project")
        return entities.project(self._world)

    def environment(self, info: object, **args: Any) -> dict[str, Any]:
        """``environment(id)``."""
        _require(args["id"] == self._world.scenario.environment.id, "Environment")
        return entities.environment(self._world)

    def service(self, info: object, **args: Any) -> dict[str, Any]:
        """``service(id)``."""
        return entities.service(self._world, _found(self._world.service(args["id"]), "Service"))

    def service_instance(self, info: object, **args: Any) -> dict[str, Any]:
        """``serviceInstance(environmentId, serviceId)``."""
        here = args["environmentId"] == self._world.scenario.environment.id
        spec = self._world.service(args["serviceId"]) if here else None
        return entities.service_instance(self._world, _found(spec, "ServiceInstance"))

    def deployment(self, info: object, **args: Any) -> dict[str, Any]:
        """``deployment(id)``."""
        return entities.deployment(self._world, self._deployment(args["id"]))

    def deployments(self, info: object, **args: Any) -> dict[str, Any]:
        """``deployments(input, first, after)``, newest first, filtered by ``status.in/notIn``."""
        query = args["input"]
        status = query.get("status") or {}
        wanted, unwanted = status.get("in"), status.get("notIn") or []
        found = [
            entities.deployment(self._world, d)
            for spec in self._world.scenario.services
            if query.get("serviceId") in (None, spec.id)
            for d in self._world.deployments_of(spec.id)
            if (wanted is None or d.status in wanted) and d.status not in unwanted
        ]
        found.sort(key=lambda d: str(d["createdAt"]), reverse=True)
        return entities.connection(found, args.get("first"), args.get("after"))

    def metrics(self, info: object, **args: Any) -> list[dict[str, Any]]:
        """``metrics(...)``."""
        query = MetricsQuery(
            measurements=list(args["measurements"]),
            start=parse_time(args["startDate"]),
            end=parse_time(args["endDate"]) if args.get("endDate") else self._world.now(),
            sample_rate=args.get("sampleRateSeconds"),
            averaging_window=args.get("averagingWindowSeconds"),
            service_id=args.get("serviceId"),
            project_id=args.get("projectId"),
            environment_id=args.get("environmentId"),
            group_by=list(args.get("groupBy") or []),
        )
        return metrics_results(self._world, query)

    def http_status_metrics(self, info: object, **args: Any) -> list[dict[str, Any]]:
        """``httpMetricsGroupedByStatus(...)``."""
        buckets = steps(
            parse_time(args["startDate"]), parse_time(args["endDate"]), args.get("stepSeconds")
        )
        return status_samples(Traffic(self._world), args["serviceId"], buckets, self._world.now())

    def http_duration_metrics(self, info: object, **args: Any) -> dict[str, Any]:
        """``httpDurationMetrics(...)``; one sample for the window unless a step is given."""
        buckets = steps(
            parse_time(args["startDate"]), parse_time(args["endDate"]), args.get("stepSeconds")
        )
        samples = duration_samples(
            Traffic(self._world),
            args["serviceId"],
            buckets,
            self._world.now(),
            args.get("statusCode"),
        )
        return {"samples": samples}

    def http_logs(self, info: object, **args: Any) -> list[dict[str, Any]]:
        """``httpLogs(deploymentId, filter, anchorDate, beforeDate, ...)``."""
        query = HttpLogQuery(
            anchor=_time(args.get("anchorDate")) or self._world.now(),
            before_date=_time(args.get("beforeDate")),
            before_limit=args.get("beforeLimit") or args.get("limit"),
            after_date=_time(args.get("afterDate")),
            after_limit=args.get("afterLimit"),
        )
        deployment = self._deployment(args["deploymentId"])
        return http_logs.search(self._world, deployment, query, compile_filter(args.get("filter")))

    def deployment_logs(self, info: object, **args: Any) -> list[dict[str, Any]]:
        """``deploymentLogs(deploymentId, startDate, endDate, limit, filter)``."""
        deployment = self._deployment(args["deploymentId"])
        return service_logs.deployment_logs(
            self._world,
            deployment,
            _window(args),
            args.get("limit"),
            compile_filter(args.get("filter")),
        )

    def build_logs(self, info: object, **args: Any) -> list[dict[str, Any]]:
        """``buildLogs(deploymentId, startDate, endDate, limit, filter)``."""
        deployment = self._deployment(args["deploymentId"])
        return service_logs.build_logs(
            self._world,
            deployment,
            _window(args),
            args.get("limit"),
            compile_filter(args.get("filter")),
        )

    def _deployment(self, deployment_id: str) -> DeploymentState:
        found = self._world.deployments.get(deployment_id)
        # A deployment the scenario schedules for later does not exist yet.
        exists = found is not None and found.created <= self._world.now()
        return _found(found if exists else None, "Deployment")

    def root(self) -> dict[str, Any]:
        """The root value: GraphQL field name → resolver."""
        return {
            "project": self.project,
            "environment": self.environment,
            "service": self.service,
            "serviceInstance": self.service_instance,
            "deployment": self.deployment,
            "deployments": self.deployments,
            "metrics": self.metrics,
            "httpMetricsGroupedByStatus": self.http_status_metrics,
            "httpDurationMetrics": self.http_duration_metrics,
            "httpLogs": self.http_logs,
            "deploymentLogs": self.deployment_logs,
            "buildLogs": self.build_logs,
        }


def _require(found: bool, kind: str) -> None:
    if not found:
        raise NotFound(f"{kind} not found")


def _found(value: T | None, kind: str) -> T:
    if value is None:
        raise NotFound(f"{kind} not found")
    return value


def _time(text: str | None) -> float | None:
    return parse_time(text) if text else None


def _window(args: dict[str, Any]) -> Window:
    return Window(start=_time(args.get("startDate")), end=_time(args.get("endDate")))
