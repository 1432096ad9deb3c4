"""Run the stand-in as a real HTTP server on a free loopback port, in a background thread.

OpenCode is a separate process and must reach the model over real HTTP; uvicorn runs in its
own thread with its own event loop while the test keeps the ``LLMStandin`` it serves.
"""

from __future__ import annotations

from standins.llm.app import build_app
from standins.llm.standin import LLMStandin
from standins.loopback import LoopbackServer

# Hanging requests would hold shutdown open; they are released first, and this bounds the rest.
_GRACEFUL_SECONDS = 2


class LLMStandinServer(LoopbackServer):
    """``standin`` listening on ``127.0.0.1``; use as a context manager."""

    name = "the LLM stand-in"

    def __init__(self, standin: LLMStandin | None = None, port: int = 0) -> None:
        self.standin = standin or LLMStandin()
        super().__init__(build_app(self.standin), port=port, graceful_seconds=_GRACEFUL_SECONDS)

    @property
    def base_url(self) -> str:
        """The OpenAI base URL to hand to clients (ends in ``/v1``)."""
        return f"{self.url}/v1"

    def stop(self) -> None:
        """Release hanging requests and stop serving."""
        self.standin.release()
        super().stop()
