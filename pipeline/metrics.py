"""The worker's metrics, kept in Redis so that the receiver's ``/metrics`` can show them.

The worker serves no HTTP, and on Railway it runs as its own service, so prometheus-client's
multiprocess mode (a shared directory) does not reach it. Counters and histogram buckets are
incremented in Redis hashes instead; recording never raises, because a metric is never worth
failing a run for.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from redis.asyncio import Redis
from redis.exceptions import RedisError

from pipeline import keys

logger = logging.getLogger(__name__)

_KEY = keys.PREFIX + "metrics:"
DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800)


@dataclass(frozen=True)
class Metric:
    """A metric's name, kind, help text, label names and (for histograms) buckets."""

    name: str
    kind: Literal["counter", "histogram"]
    help: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] = DURATION_BUCKETS


JOBS = Metric(
    "autofix_jobs_total", "counter", "Jobs finished, by job and outcome.", ("job", "outcome")
)
RETRIES = Metric("autofix_job_retries_total", "counter", "Job retries scheduled, by job.", ("job",))
STEP_SECONDS = Metric(
    "autofix_step_duration_seconds", "histogram", "Durable step run time.", ("step", "outcome")
)
LLM_TOKENS = Metric(
    "autofix_llm_tokens_total",
    "counter",
    "LLM tokens used, by purpose and kind.",
    ("purpose", "kind"),
)
AGENT_SECONDS = Metric(
    "autofix_agent_session_seconds", "histogram", "OpenCode session wall time.", ("outcome",)
)
PRS = Metric(
    "autofix_pull_requests_total", "counter", "Pull requests opened or updated.", ("action",)
)
INCIDENTS = Metric(
    "autofix_incidents_opened_total", "counter", "Incidents opened, by kind.", ("kind",)
)

ALL: tuple[Metric, ...] = (JOBS, RETRIES, STEP_SECONDS, LLM_TOKENS, AGENT_SECONDS, PRS, INCIDENTS)


def _field(labels: Mapping[str, str]) -> str:
    return json.dumps(dict(sorted(labels.items())), separators=(",", ":"))


class Recorder:
    """Writes metric updates to Redis; failures are logged, never raised."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def inc(self, metric: Metric, labels: Mapping[str, str], by: float = 1.0) -> None:
        """Add ``by`` to a counter."""
        try:
            await self.redis.hincrbyfloat(_KEY + metric.name, _field(labels), by)  # type: ignore[misc]  # redis-py types sync|async
        except (RedisError, OSError) as exc:
            logger.debug("metric %s not recorded: %s", metric.name, exc)

    async def observe(self, metric: Metric, labels: Mapping[str, str], value: float) -> None:
        """Record one observation in a histogram."""
        field = _field(labels)
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                for bound in metric.buckets:
                    if value <= bound:
                        pipe.hincrbyfloat(_KEY + metric.name, f"{field}|{bound}", 1)
                pipe.hincrbyfloat(_KEY + metric.name, f"{field}|+Inf", 1)
                pipe.hincrbyfloat(_KEY + metric.name, f"{field}|sum", value)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            logger.debug("metric %s not recorded: %s", metric.name, exc)


async def snapshot(redis: Redis) -> dict[str, dict[str, float]]:
    """Every recorded value, by metric name then hash field."""
    out: dict[str, dict[str, float]] = {}
    async with redis.pipeline(transaction=False) as pipe:
        for metric in ALL:
            pipe.hgetall(_KEY + metric.name)
        results = await pipe.execute()
    for metric, raw in zip(ALL, results, strict=True):
        out[metric.name] = {k.decode(): float(v) for k, v in raw.items()}
    return out
