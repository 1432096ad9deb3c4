"""Run the stand-in as a real HTTP server on a free loopback port, in a background thread.

The end-to-end test and ``autofix demo`` talk to it over real HTTP (timeouts included); the
caller keeps the ``StandinState`` to steer it in-process as well.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from standins.railway.app import GRAPHQL_PATH, create_app
from standins.railway.faults import FaultPlan
from standins.railway.state import StandinState, Tokens
from standins.railway.world import World


class RailwayStandin:
    """A stand-in Railway API on ``127.0.0.1``; use as a context manager."""

    def __init__(
        self,
        world: World,
        *,
        tokens: Tokens | None = None,
        faults: FaultPlan | None = None,
        port: int = 0,
    ) -> None:
        self.app = create_app(world, tokens=tokens, faults=faults)
        self.state: StandinState = self.app.state.railway
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def graphql_url(self) -> str:
        """The endpoint to hand to the client (``RAILWAY_API_URL``)."""
        return self.url + GRAPHQL_PATH

    def start(self, timeout: float = 10.0) -> RailwayStandin:
        """Start serving; return once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the Railway stand-in did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> RailwayStandin:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
