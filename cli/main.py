"""The ``autofix`` command: serve, worker, dev, doctor."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from cli.logging_setup import configure_logging
from config.settings import ConfigError, Settings, load_settings
from pipeline.errors import AutofixError, ConfigurationError
from standins.railway.catalog import scenario_names


def parser() -> argparse.ArgumentParser:
    """The command line."""
    root = argparse.ArgumentParser(
        prog="autofix", description="Turn Railway alerts into reviewed-ready draft PRs."
    )
    root.add_argument(
        "--env-file", type=Path, default=Path(".env"), help="optional .env file (default: ./.env)"
    )
    sub = root.add_subparsers(dest="command", required=True)
    for name, text in (
        ("serve", "run the webhook receiver"),
        ("dev", "run embedded Redis, the receiver and a worker together (for a laptop)"),
        ("run", "run the receiver and a worker together (one container)"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--host", help="interface to bind (default: AUTOFIX_HOST)")
        cmd.add_argument("--port", type=int, help="port (default: PORT, 8000)")
    sub.add_parser("worker", help="run the job worker (jobs and periodic sweeps)")
    sub.add_parser("healthcheck", help="exit 0 if this container's receiver or worker is healthy")
    sub.add_parser("doctor", help="check configuration and what autofix can reach")
    sub.add_parser("check", help="one monitoring pass over every service; exit 1 on a real problem")
    demo = sub.add_parser(
        "demo", help="the whole flow against local stand-ins (no accounts needed)"
    )
    demo.add_argument(
        "--scenario", default="memory_leak", choices=scenario_names(), help="which incident to play"
    )
    demo.add_argument(
        "--json", action="store_true", help="print a JSON summary instead of the diff"
    )
    config = sub.add_parser("config", help="print the configuration in use (secrets hidden)")
    config.add_argument(
        "--table", action="store_true", help="print every setting as a Markdown table"
    )
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    # `autofix config | head` should end quietly, not with a BrokenPipeError traceback.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        settings = load_settings(os.environ, args.env_file)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    try:
        return _dispatch(args, settings)
    except ConfigurationError as exc:
        print(f"autofix: {exc}", file=sys.stderr)
        return 2
    except AutofixError as exc:
        print(f"autofix: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Ctrl-C while a command is still starting (imports, Redis) is a normal way to stop.
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    # Each command imports only what it runs: `autofix config` should not load uvicorn.
    if args.command == "serve":
        from cli.serve import serve

        return serve(settings, args.host, args.port)
    if args.command == "worker":
        from cli.worker import work

        return work(settings)
    if args.command in ("dev", "run"):
        from cli.dev import dev

        return dev(settings, args.host, args.port, laptop=args.command == "dev")
    if args.command == "demo":
        from cli.demo import demo

        return demo(settings, args.scenario, as_json=args.json)
    if args.command == "check":
        from cli.check import check

        return check(settings)
    if args.command == "healthcheck":
        from cli.healthcheck import healthcheck

        return healthcheck(settings)
    if args.command == "config":
        from cli.config_table import effective, markdown_table

        print(markdown_table() if args.table else effective(settings))
        return 0
    from cli.doctor import doctor

    return doctor(settings)


if __name__ == "__main__":
    sys.exit(main())
