"""``python -m standins.llm [--script NAME] [--port N]``: serve a scripted LLM until interrupted.

Point autofix at it with the printed ``AUTOFIX_LLM_*`` lines; swap scripts, read requests and
inject faults through ``/_control``.
"""

from __future__ import annotations

import argparse
import contextlib
import threading

from standins.llm.script import Script, load_script
from standins.llm.server import LLMStandinServer
from standins.llm.standin import LLMStandin


def main(argv: list[str] | None = None) -> None:
    """Parse the options, serve, print the settings to use, wait for Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m standins.llm", description=__doc__)
    parser.add_argument("--script", help="a script in standins/llm/scripts (default: none)")
    parser.add_argument("--port", type=int, default=0, help="loopback port; 0 picks a free one")
    parser.add_argument("--model", default="fake-model", help="the model id to list")
    args = parser.parse_args(argv)
    script = load_script(args.script) if args.script else Script()
    with LLMStandinServer(LLMStandin(script, models=[args.model]), port=args.port) as server:
        print(f"AUTOFIX_LLM_BASE_URL={server.base_url}")
        print("AUTOFIX_LLM_API_KEY=sk-standin")
        print(f"AUTOFIX_LLM_MODEL={args.model}")
        print(f"control API: {server.url}/_control")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
