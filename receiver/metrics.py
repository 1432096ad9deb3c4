"""``GET /metrics``: the receiver's own counters plus the worker's, read from Redis.

Receiver metrics live in-process (each replica is scraped on its own, as Prometheus expects);
worker metrics and incidents by state come from Redis, where every worker records them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, Iterator

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import Response

from pipeline import metrics as worker_metrics
from pipeline.incidents.store import state_counts
from receiver.state import state_of

Endpoint = Callable[[Request], Awaitable[Response]]


class ReceiverMetrics:
    """Counters of one receiver process."""

    def __init__(self) -> None:
        # The *_created series double every counter for no use to an operator.
        disable_created_metrics()  # type: ignore[no-untyped-call]  # unannotated in prometheus-client
        self.registry = CollectorRegistry()
        self.webhooks = Counter(
            "autofix_webhooks_total",
            "Webhook deliveries received, by source and outcome.",
            ["source", "outcome"],
            registry=self.registry,
        )
        self.seconds = Histogram(
            "autofix_webhook_seconds",
            "Time to answer a webhook delivery.",
            ["source"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0),
            registry=self.registry,
        )

    def counted(self, source: str, endpoint: Endpoint) -> Endpoint:
        """``endpoint``, counting each answer by its outcome and timing it."""

        async def wrapper(request: Request) -> Response:
            started = time.perf_counter()
            response = await endpoint(request)
            self.seconds.labels(source).observe(time.perf_counter() - started)
            self.webhooks.labels(source, _outcome(response)).inc()
            return response

        return wrapper


def _outcome(response: Response) -> str:
    try:
        status = json.loads(bytes(response.body)).get("status")
    except (ValueError, AttributeError):
        status = None
    return f"{status}" if response.status_code < 400 else f"{status}_{response.status_code}"


class _Snapshot(Collector):
    def __init__(self, values: dict[str, dict[str, float]], incidents: dict[str, int]) -> None:
        self.values = values
        self.incidents = incidents

    def collect(self) -> Iterator[Metric]:
        gauge = GaugeMetricFamily(
            "autofix_incidents", "Incidents by current state.", labels=["state"]
        )
        for state, count in sorted(self.incidents.items()):
            gauge.add_metric([state], count)
        yield gauge
        for metric in worker_metrics.ALL:
            yield _family(metric, self.values.get(metric.name, {}))


def _family(metric: worker_metrics.Metric, values: dict[str, float]) -> Metric:
    if metric.kind == "counter":
        counter = CounterMetricFamily(
            metric.name.removesuffix("_total"), metric.help, labels=list(metric.labels)
        )
        for field, value in sorted(values.items()):
            labels = json.loads(field)
            counter.add_metric([labels.get(name, "") for name in metric.labels], value)
        return counter
    histogram = HistogramMetricFamily(metric.name, metric.help, labels=list(metric.labels))
    series: dict[str, dict[str, float]] = {}
    for field, value in values.items():
        labels, _, part = field.rpartition("|")
        series.setdefault(labels, {})[part] = value
    for labels_json, parts in sorted(series.items()):
        labels = json.loads(labels_json)
        buckets = [(str(b), parts.get(str(b), 0.0)) for b in metric.buckets] + [
            ("+Inf", parts.get("+Inf", 0.0))
        ]
        histogram.add_metric(
            [labels.get(n, "") for n in metric.labels], buckets, parts.get("sum", 0.0)
        )
    return histogram


async def metrics_endpoint(request: Request) -> Response:
    """Prometheus text: this receiver's counters, then the worker's and incidents by state."""
    state = state_of(request)
    body = generate_latest(state.metrics.registry)
    try:
        values = await worker_metrics.snapshot(state.redis)
        incidents = await state_counts(state.redis)
    except (RedisError, OSError):
        values, incidents = {}, {}
    registry = CollectorRegistry()
    registry.register(_Snapshot(values, incidents))
    return Response(body + generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
