"""Fixtures for the GitHub stand-in's own tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from github import Auth, Github

from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT_TOKEN, checked_standin


@pytest.fixture(scope="module")
def running_standin() -> Iterator[GitHubStandin]:
    """One server for the module; each test gets it reset."""
    with GitHubStandin() as server:
        yield server


@pytest.fixture
def standin(running_standin: GitHubStandin) -> Iterator[GitHubStandin]:
    """A running stand-in whose answers are checked against the OpenAPI description."""
    with checked_standin(running_standin) as running:
        yield running


@pytest.fixture
def github(standin: GitHubStandin) -> Iterator[Github]:
    """PyGithub logged in as the bot, without retries or throttling."""
    client = Github(
        auth=Auth.Token(BOT_TOKEN),
        base_url=standin.api_url,
        retry=None,
        seconds_between_requests=None,
        seconds_between_writes=None,
        timeout=10,
    )
    yield client
    client.close()
