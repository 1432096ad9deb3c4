"""Run the stand-in as a real HTTP server on a free loopback port, in a background thread.

PyGithub and git speak real HTTP, so tests need a real server; uvicorn runs in its own thread
with its own event loop, and the test keeps a ``Control`` on the same world.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from standins.github.app import build_app
from standins.github.control import Control
from standins.github.urls import Urls
from standins.github.webhooks import RepoRef
from standins.github.world import World


class GitHubStandin:
    """A stand-in GitHub listening on ``127.0.0.1``; use as a context manager."""

    def __init__(self, port: int = 0) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="github-standin-")
        self.world = World(Path(self._scratch.name))
        self.control = Control(self.world)
        self.app = build_app(self.world)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self.urls = Urls(f"http://127.0.0.1:{self._socket.getsockname()[1]}")
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

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

    def start(self, timeout: float = 10.0) -> GitHubStandin:
        """Start serving; return once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the GitHub stand-in did not start")
            time.sleep(0.01)
        return self

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
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()
        self._scratch.cleanup()

    def __enter__(self) -> GitHubStandin:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
