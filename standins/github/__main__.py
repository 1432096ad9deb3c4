"""``python -m standins.github [--port N]``: serve an empty stand-in until interrupted.

Seed it through ``/_control`` (``POST /_control/repos``, ``POST /_control/users`` with a token).
"""

from __future__ import annotations

import argparse
import contextlib
import threading

from standins.github.server import GitHubStandin


def main(argv: list[str] | None = None) -> None:
    """Parse ``--port``, serve, print the URLs, wait for Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m standins.github", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="loopback port; 0 picks a free one")
    args = parser.parse_args(argv)
    with GitHubStandin(port=args.port) as standin:
        print(f"GITHUB_API_URL={standin.api_url}")
        print(f"control API:   {standin.urls.web}/_control")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
