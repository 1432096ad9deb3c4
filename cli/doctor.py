"""``autofix doctor``: is the configuration valid, and can autofix reach what it needs?"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from redis.exceptions import RedisError

from cli.doctor_checks import check_github, check_llm, check_opencode, check_railway
from cli.doctor_finding import Finding
from cli.redis_setup import resolve_redis
from config.settings import Settings
from pipeline.connections import QUEUE_NAME, connect
from pipeline.redis_server import EmbeddedRedisError

Check = Callable[[Settings], Awaitable[Finding]]


async def check_redis(settings: Settings) -> Finding:
    """Redis answers (embedded or REDIS_URL)."""
    where = "REDIS_URL" if settings.redis_url else f"embedded, under {settings.data_dir}"
    try:
        resolved, embedded = resolve_redis(settings)
    except EmbeddedRedisError as exc:
        return Finding(
            "redis", "problem", str(exc).splitlines()[0], "check AUTOFIX_DATA_DIR is writable"
        )
    redis = connect(resolved.redis_url or "")
    try:
        info = await redis.info("server")
        return Finding("redis", "OK", f"Redis {info.get('redis_version')} ({where})")
    except (RedisError, OSError) as exc:
        return Finding(
            "redis",
            "problem",
            f"{type(exc).__name__}: {exc}",
            "check REDIS_URL and that Redis runs",
        )
    finally:
        await redis.aclose()
        if embedded is not None:
            embedded.stop()


async def check_worker(settings: Settings) -> Finding:
    """A worker has reported in recently (arq writes a health-check key every 30 s)."""
    if not settings.redis_url:
        resolved, embedded = resolve_redis(settings)
    else:
        resolved, embedded = settings, None
    redis = connect(resolved.redis_url or "")
    try:
        beat = await redis.get(QUEUE_NAME + ":health-check")
    except (RedisError, OSError) as exc:
        return Finding("worker", "skipped", f"Redis unreachable ({type(exc).__name__})")
    finally:
        await redis.aclose()
        if embedded is not None:
            embedded.stop()
    if beat is None:
        return Finding(
            "worker", "problem", "no worker reported in the last 30 s", "start one: autofix worker"
        )
    return Finding("worker", "OK", beat.decode()[:100])


CHECKS: tuple[Check, ...] = (
    check_redis,
    check_worker,
    check_railway,
    check_github,
    check_llm,
    check_opencode,
)


def doctor(settings: Settings, checks: tuple[Check, ...] = CHECKS) -> int:
    """Print the table; exit 0 when nothing is a problem, 1 otherwise."""
    findings = [Finding("configuration", "OK", "all settings valid")]
    findings += asyncio.run(_run(settings, checks))
    print(render(findings))
    return 1 if any(f.status == "problem" for f in findings) else 0


async def _run(settings: Settings, checks: tuple[Check, ...]) -> list[Finding]:
    return [await check(settings) for check in checks]


def render(findings: list[Finding]) -> str:
    """A plain-text table: check, status, detail, and how to fix a problem."""
    rows = [("check", "status", "detail", "fix")] + [
        (f.check, f.status, f.detail, f.hint) for f in findings
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row in rows:
        cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
