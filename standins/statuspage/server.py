"""Run the status page stand-in as a real HTTP server on a free loopback port, in a thread.

``autofix demo`` and the integration test read it over real HTTP; hand ``base_url`` to
``AUTOFIX_STATUSPAGE_BASE_URL``.
"""

from __future__ import annotations

from collections.abc import Mapping

from standins.loopback import LoopbackServer
from standins.statuspage.app import create_app


class StatuspageStandin(LoopbackServer):
    """Status pages for every known provider on ``127.0.0.1``; use as a context manager."""

    name = "the status page stand-in"

    def __init__(self, scenario: Mapping[str, str] | None = None, *, port: int = 0) -> None:
        super().__init__(create_app(scenario), port=port)

    @property
    def base_url(self) -> str:
        """The root to hand to ``AUTOFIX_STATUSPAGE_BASE_URL``."""
        return self.url
