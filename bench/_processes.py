"""Server processes a benchmark starts, waits for, and stops again (only its own, by pid)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# Variables that would point a started autofix elsewhere than the benchmark's own set-up.
_FOREIGN_PREFIXES = ("AUTOFIX_", "RAILWAY_", "GITHUB_", "REDIS_", "OPENAI_", "OPENCODE_")


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def clean_environ(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without autofix's variables, plus ``extra``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(_FOREIGN_PREFIXES)}
    return {**base, **extra}


class Server:
    """A child process serving on a loopback port; its output goes to ``log``."""

    def __init__(self, argv: Sequence[str], port: int, env: Mapping[str, str], log: Path) -> None:
        self.argv = list(argv)
        self.port = port
        self.log = log
        with log.open("ab") as out:
            # cwd is the log's folder, so no stray .env file of the checkout is read.
            self.process = subprocess.Popen(
                self.argv, env=dict(env), stdout=out, stderr=subprocess.STDOUT, cwd=log.parent
            )

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self.process.pid

    def wait_listening(self, timeout: float = 30.0) -> Server:
        """Return once the port accepts connections; raise if the child died first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.argv} exited; see {self.log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.argv} did not listen on {self.port} within {timeout}s")

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM, then SIGKILL if it will not go."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ``autofix serve`` exactly as cli/serve.py runs it (settings read once by load_settings, the
# same logging and uvicorn options), but not through cli.main: main() puts SIGPIPE back to its
# default for `autofix config | head`, and then a client that closes its connection while the
# receiver writes an answer kills the whole process (wrk does so at the end of every run; see
# BENCHMARKS.md). Started with -c: a script in bench/ would put bench/ on sys.path, where
# bench/receiver.py shadows the receiver package.
_SERVE = """
import os, sys
from cli.logging_setup import configure_logging
from cli.serve import serve
from config.settings import load_settings
settings = load_settings(os.environ, env_file=None)
configure_logging(settings.log_level, settings.log_format)
sys.exit(serve(settings, "127.0.0.1", int(sys.argv[1])))
"""


def serve_argv(port: int) -> list[str]:
    """The command line of a receiver on ``port``, configured by its environment."""
    return [sys.executable, "-c", _SERVE, str(port)]
