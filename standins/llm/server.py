"""Run the stand-in as a real HTTP server on a free loopback port, in a background thread.

OpenCode is a separate process and must reach the model over real HTTP; uvicorn runs in its
own thread with its own event loop while the test keeps the ``LLMStandin`` it serves.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from standins.llm.app import build_app
from standins.llm.standin import LLMStandin

# Hanging requests would hold shutdown open; they are released first, and this bounds the rest.
_GRACEFUL_SECONDS = 2


class LLMStandinServer:
    """``standin`` listening on ``127.0.0.1``; use as a context manager."""

    def __init__(self, standin: LLMStandin | None = None, port: int = 0) -> None:
        self.standin = standin or LLMStandin()
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", port))
        self.port: int = self._socket.getsockname()[1]
        config = uvicorn.Config(
            build_app(self.standin),
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=_GRACEFUL_SECONDS,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        """The server's root, e.g. ``http://127.0.0.1:41234``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI base URL to hand to clients (ends in ``/v1``)."""
        return f"{self.url}/v1"

    def start(self, timeout: float = 10.0) -> LLMStandinServer:
        """Start serving; return once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the LLM stand-in did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Release hanging requests and stop serving."""
        self.standin.release()
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> LLMStandinServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
