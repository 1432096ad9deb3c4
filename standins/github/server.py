"""Run the stand-in as a real HTTP server on a free loopback port, in a background thread.

PyGithub and git speak real HTTP, so tests need a real server; uvicorn runs in its own thread
with its own event loop, and the test keeps a ``Control`` on the same world.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from standins.github.app import build_app
from standins.github.control import Control
from standins.github.urls import Urls
from standins.github.webhooks import RepoRef
from standins.github.world import World
from standins.loopback import LoopbackServer


class GitHubStandin(LoopbackServer):
    """A stand-in GitHub listening on ``127.0.0.1``; use as a context manager."""

    name = "the GitHub stand-in"

    def __init__(self, port: int = 0) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="github-standin-")
        self.world = World(Path(self._scratch.name))
        self.control = Control(self.world)
        self.app = build_app(self.world)
        super().__init__(self.app, port=port, graceful_seconds=None)
        self.urls = Urls(self.url)

    @property
    def api_url(self) -> str:
        """The REST API root to hand to clients (``GITHUB_API_URL``)."""
        return self.urls.api

    def clone_url(self, full_name: str) -> str:
        """The smart-HTTP URL of a repository."""
        return self.urls.clone(full_name)

    def repo_ref(self, full_name: str) -> RepoRef:
        """``full_name`` for the webhook builders: URLs here, and its App installation if any."""
        with self.world.lock:
            installation = self.world.accounts.installation_for(full_name)
        return RepoRef(
            full_name=full_name,
            installation_id=installation.id if installation else None,
            api_url=self.urls.api,
            web_url=self.urls.web,
        )

    def reset(self) -> None:
        """Forget everything (repositories, people, faults, the request log) but keep serving."""
        with self.world.lock:
            old = self._scratch
            self._scratch = tempfile.TemporaryDirectory(prefix="github-standin-")
            self.world = World(Path(self._scratch.name))
            self.control = Control(self.world)
            self.app.state.world = self.world
            self.app.state.control = self.control
        old.cleanup()

    def stop(self) -> None:
        """Stop serving and delete its repositories."""
        super().stop()
        self._scratch.cleanup()
