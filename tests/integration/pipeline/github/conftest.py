"""The GitHub client against a running stand-in whose answers are checked against GitHub's spec."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from pipeline.github.client import GitHubClient
from pipeline.github.connection import Connection
from pipeline.github.credentials import StaticToken
from pipeline.github.pygithub_client import PyGithubClient
from standins.github import GitHubStandin
from tests.integration.standins.github.standin_setup import BOT, BOT_TOKEN, checked_standin


@pytest.fixture(scope="module")
def running_standin() -> Iterator[GitHubStandin]:
    """One server for the module; each test gets it reset."""
    with GitHubStandin() as server:
        yield server


@pytest.fixture
def standin(running_standin: GitHubStandin) -> Iterator[GitHubStandin]:
    """A running stand-in with ``acme/shop``; the bot may write there."""
    with checked_standin(running_standin) as running:
        yield running


def fast_connection(standin: GitHubStandin) -> Connection:
    """The stand-in's API without PyGithub's pauses between requests."""
    return Connection(
        api_url=standin.api_url,
        timeout_seconds=10,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )


@pytest.fixture
def client(standin: GitHubStandin) -> Iterator[PyGithubClient]:
    """The client, logged in as the bot with a plain token."""
    made = PyGithubClient(
        fast_connection(standin), StaticToken(SecretStr(BOT_TOKEN)), bot_login=BOT
    )
    typed: GitHubClient = made  # the PyGithub client must keep satisfying the interface
    assert typed is made
    yield made
    made.close()
