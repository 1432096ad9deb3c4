"""Fixtures shared by every test: a real Redis server, settings pointing at it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from arq.connections import ArqRedis

from config.settings import Settings, load_settings
from pipeline.connections import connect
from pipeline.redis_server import EmbeddedRedis

# Never REDIS_URL: a developer's REDIS_URL may be a real server, and tests flush their database.
TEST_REDIS_ENV = "AUTOFIX_TEST_REDIS_URL"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis: AUTOFIX_TEST_REDIS_URL if given, else an embedded server for the session."""
    given = os.environ.get(TEST_REDIS_ENV)
    if given:
        yield given
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), appendfsync="no").start()
    yield server.url
    server.stop()


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[ArqRedis]:
    """A connection to an empty database."""
    conn = connect(redis_url)
    await conn.flushdb()
    yield conn
    await conn.aclose()


def make_settings(redis_url: str, data_dir: Path, **overrides: str) -> Settings:
    """Settings for tests: fast retries, known webhook secrets, everything else default."""
    environ = {
        "REDIS_URL": redis_url,
        "AUTOFIX_DATA_DIR": str(data_dir),
        "RAILWAY_WEBHOOK_TOKEN": "railway-test-token",
        "GITHUB_WEBHOOK_SECRET": "It's a Secret to Everybody",
        "AUTOFIX_RETRY_BASE_SECONDS": "0.05",
        "AUTOFIX_RETRY_MAX_SECONDS": "0.2",
        **overrides,
    }
    return load_settings(environ, env_file=None)


@pytest.fixture
def settings(redis_url: str, tmp_path: Path, redis: ArqRedis) -> Settings:
    """Test settings on a freshly flushed Redis."""
    return make_settings(redis_url, tmp_path)
