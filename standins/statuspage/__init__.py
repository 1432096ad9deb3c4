"""A local stand-in for providers' Statuspage ``/api/v2/summary.json`` pages.

Serve it in-process (``httpx.ASGITransport(app=create_app({"openai": "major_incident"}))``)
or as a server (``StatuspageStandin(scenario)`` in a thread, or
``uvicorn --factory standins.statuspage.app:demo_app``) and point
``AUTOFIX_STATUSPAGE_BASE_URL`` at it.
"""

from __future__ import annotations

from standins.statuspage.app import DEMO_SCENARIO, create_app, demo_app, load_pages
from standins.statuspage.server import StatuspageStandin

__all__ = ["DEMO_SCENARIO", "StatuspageStandin", "create_app", "demo_app", "load_pages"]
