"""Pointing autofix at the Railway stand-in in tests."""

from __future__ import annotations

from pathlib import Path

import httpx

from config.settings import Settings
from standins.railway.app import create_app
from standins.railway.state import DEFAULT_ACCOUNT_TOKEN
from standins.railway.world import World
from tests.conftest import make_settings

STANDIN_URL = "http://railway.standin/graphql/v2"


def railway_settings(redis_url: str, data_dir: Path, world: World, **overrides: str) -> Settings:
    """Settings that send Railway calls to the stand-in and accept its project's alerts."""
    return make_settings(
        redis_url,
        data_dir,
        RAILWAY_API_URL=STANDIN_URL,
        RAILWAY_API_TOKEN=DEFAULT_ACCOUNT_TOKEN,
        RAILWAY_PROJECT_ID=world.scenario.project.id,
        RAILWAY_ENVIRONMENT_ID=world.scenario.environment.id,
        RAILWAY_MAX_WAIT_SECONDS="0",
        **overrides,
    )


def railway_transport(world: World) -> httpx.ASGITransport:
    """The stand-in, in-process."""
    return httpx.ASGITransport(app=create_app(world))
