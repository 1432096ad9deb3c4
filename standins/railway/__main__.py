"""``python -m standins.railway <scenario>``: serve a scenario on a loopback port until Ctrl-C."""

from __future__ import annotations

import argparse
import json

import uvicorn

from standins.railway.app import GRAPHQL_PATH, create_app
from standins.railway.catalog import scenario_names, world_for


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, print the endpoint and the scenario's webhook, and serve."""
    parser = argparse.ArgumentParser(prog="python -m standins.railway", description=__doc__)
    parser.add_argument("scenario", choices=scenario_names())
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--alert-age", type=float, default=600.0, help="seconds since the scenario's alert fired"
    )
    args = parser.parse_args(argv)
    world = world_for(args.scenario, alert_age_seconds=args.alert_age)
    print(f"Railway stand-in: http://127.0.0.1:{args.port}{GRAPHQL_PATH}")
    print("Bearer token: standin-account-token; webhook to replay:")
    print(json.dumps(world.alert_payload(), indent=2))
    uvicorn.run(create_app(world), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
