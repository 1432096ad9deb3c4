"""The scenarios shipped in ``scenarios/*.json``, and worlds built from them."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import cache
from importlib import resources

from standins.railway.scenario import Scenario
from standins.railway.world import World

_FOLDER = "scenarios"


def scenario_names() -> list[str]:
    """Names of the shipped scenarios (file names without ``.json``)."""
    folder = resources.files(__package__).joinpath(_FOLDER)
    return sorted(
        p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json")
    )


@cache
def load_scenario(name: str) -> Scenario:
    """The scenario in ``scenarios/<name>.json``, validated."""
    path = resources.files(__package__).joinpath(_FOLDER).joinpath(f"{name}.json")
    if not path.is_file():
        known = ", ".join(scenario_names())
        raise KeyError(f"no Railway scenario {name!r}; known: {known}")
    return Scenario.model_validate_json(path.read_text(encoding="utf-8"))


def world_for(
    name_or_scenario: str | Scenario,
    *,
    anchor: datetime | float | None = None,
    alert_age_seconds: float | None = None,
    clock: Callable[[], float] = time.time,
) -> World:
    """A world for the scenario, anchored at ``anchor`` or so its alert fired that long ago.

    With neither, the alert fires right now: the incident is as old as the scenario says.
    """
    scenario = (
        load_scenario(name_or_scenario) if isinstance(name_or_scenario, str) else name_or_scenario
    )
    if isinstance(anchor, datetime):
        start = anchor.timestamp()
    elif anchor is not None:
        start = float(anchor)
    else:
        start = clock() - (alert_age_seconds or 0.0) - scenario.alert.offset_seconds
    return World(scenario=scenario, anchor=start, clock=clock)
