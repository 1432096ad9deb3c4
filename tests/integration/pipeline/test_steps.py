"""Durable steps against a real Redis and a real arq worker in burst mode."""

from __future__ import annotations

from arq.connections import ArqRedis

from config.settings import Settings
from pipeline import timeline
from pipeline.deps import Deps
from pipeline.durable import JobInfo, job
from pipeline.errors import PermanentError, RetryableError
from pipeline.steps import Steps
from tests.support.worker import drain


async def flaky_run(deps: Deps, info: JobInfo, run_id: str, fail_times: int) -> str:
    steps = Steps(deps.redis, run_id, attempt=info.job_try, ttl_seconds=600)

    async def expensive() -> dict[str, int]:
        await deps.redis.incr(f"test:{run_id}:expensive")
        return {"answer": 42}

    async def flaky() -> str:
        tries = await deps.redis.incr(f"test:{run_id}:flaky")
        if tries <= fail_times:
            raise RetryableError(f"blip {tries}")
        return "ok"

    first = await steps.run("expensive", expensive, dict[str, int])
    second = await steps.run("flaky", flaky, str)
    return f"{first['answer']}-{second}"


async def give_up(deps: Deps, args: tuple[object, ...], exc: BaseException) -> None:
    await deps.redis.set(f"test:{args[0]}:gave_up", str(exc))


async def test_a_step_runs_once_across_three_tries(settings: Settings, redis: ArqRedis) -> None:
    await redis.enqueue_job("flaky_run", "run-a", 2, _job_id="flaky-a")
    await drain(settings, extra_functions=[job(flaky_run, give_up=give_up)])

    assert await redis.get("test:run-a:expensive") == b"1"
    assert await redis.get("test:run-a:flaky") == b"3"
    records = timeline.fold(await timeline.read(redis, "run-a"))
    assert [(r.step, r.status, r.attempts) for r in records] == [
        ("expensive", "succeeded", 1),
        ("flaky", "succeeded", 3),
    ]


async def test_retries_are_bounded_then_give_up_is_called(
    settings: Settings, redis: ArqRedis
) -> None:
    await redis.enqueue_job("flaky_run", "run-b", 99, _job_id="flaky-b")
    await drain(settings, extra_functions=[job(flaky_run, give_up=give_up)])

    assert await redis.get("test:run-b:flaky") == str(settings.max_tries).encode()
    assert await redis.get("test:run-b:gave_up") == b"blip 5"
    records = timeline.fold(await timeline.read(redis, "run-b"))
    assert records[-1].status == "failed"
    assert records[-1].error == "RetryableError: blip 5"


async def permanent_run(deps: Deps, info: JobInfo, run_id: str) -> None:
    await deps.redis.incr(f"test:{run_id}:tries")
    raise PermanentError("bad credentials")


async def test_a_permanent_error_is_not_retried(settings: Settings, redis: ArqRedis) -> None:
    await redis.enqueue_job("permanent_run", "run-c", _job_id="perm-c")
    await drain(settings, extra_functions=[job(permanent_run, give_up=give_up)])

    assert await redis.get("test:run-c:tries") == b"1"
    assert await redis.get("test:run-c:gave_up") == b"bad credentials"


async def test_stored_results_come_back_typed(settings: Settings, redis: ArqRedis) -> None:
    steps = Steps(redis, "run-d", attempt=1, ttl_seconds=60)
    calls = 0

    async def compute() -> list[int]:
        nonlocal calls
        calls += 1
        return [1, 2, 3]

    assert await steps.run("numbers", compute, list[int]) == [1, 2, 3]
    again = Steps(redis, "run-d", attempt=2, ttl_seconds=60)
    assert await again.run("numbers", compute, list[int]) == [1, 2, 3]
    assert calls == 1
    assert 0 < await redis.ttl("autofix:step:run-d:numbers") <= 60
