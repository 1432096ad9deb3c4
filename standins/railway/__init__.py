"""A local stand-in for Railway's GraphQL API, answering from scenario data.

It validates every document against Railway's real schema before running it, can misbehave
on request (latency, 429, 5xx, hangs), records what it was asked, and serves either
in-process (``httpx.ASGITransport(app=create_app(world))``) or as a real server
(``RailwayStandin(world)``). See README.md in this folder.
"""

from __future__ import annotations

from standins.railway.app import GRAPHQL_PATH, create_app
from standins.railway.catalog import load_scenario, scenario_names, world_for
from standins.railway.faults import Fault, FaultPlan
from standins.railway.scenario import Scenario
from standins.railway.server import RailwayStandin
from standins.railway.state import StandinState, Tokens
from standins.railway.world import World

__all__ = [
    "GRAPHQL_PATH",
    "Fault",
    "FaultPlan",
    "RailwayStandin",
    "Scenario",
    "StandinState",
    "Tokens",
    "World",
    "create_app",
    "load_scenario",
    "scenario_names",
    "world_for",
]
