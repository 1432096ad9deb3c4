"""Run the stand-in as a real HTTP server on a free loopback port, in a background thread.

The end-to-end test and ``autofix demo`` talk to it over real HTTP (timeouts included); the
caller keeps the ``StandinState`` to steer it in-process as well.
"""

from __future__ import annotations

from standins.loopback import LoopbackServer
from standins.railway.app import GRAPHQL_PATH, create_app
from standins.railway.faults import FaultPlan
from standins.railway.state import StandinState, Tokens
from standins.railway.world import World


class RailwayStandin(LoopbackServer):
    """A stand-in Railway API on ``127.0.0.1``; use as a context manager."""

    name = "the Railway stand-in"

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
        super().__init__(self.app, port=port)

    @property
    def graphql_url(self) -> str:
        """The endpoint to hand to the client (``RAILWAY_API_URL``)."""
        return self.url + GRAPHQL_PATH
