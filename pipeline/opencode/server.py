"""``OpenCodeServer``: start the pinned ``opencode serve``, wait until it listens, stop it for sure.

The server is started in its own session (process group) so that stopping it stops it and its
helpers; the shells its tools start in sessions of their own are found by a tag in their
environment (see ``sweep``). Readiness is the "listening" line on stdout: requests
sent in the moment before it are accepted and never answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from types import TracebackType

from pipeline.opencode.endpoint import OpenCodeEndpoint
from pipeline.opencode.environment import server_environment
from pipeline.opencode.errors import OpenCodeUnavailable
from pipeline.opencode.launch import Launch
from pipeline.opencode.sweep import TAG_VARIABLE, claim, kill_tagged, reap_orphans, release

log = logging.getLogger(__name__)

READY_LINE = re.compile(rb"opencode server listening on (http://\S+)")
# Another process can take the port between our probe and OpenCode's bind; try a new one.
PORT_ATTEMPTS = 3
POLL_SECONDS = 0.05
STOP_GRACE_SECONDS = 5.0
LOG_TAIL_BYTES = 2_000


class OpenCodeServer:
    """One supervised ``opencode serve`` process; use as an async context manager."""

    def __init__(self, launch: Launch, environ: Mapping[str, str] | None = None) -> None:
        self.launch = launch
        self._environ = dict(os.environ if environ is None else environ)
        self._process: subprocess.Popen[bytes] | None = None
        self._tag = secrets.token_hex(8)
        self.startup_seconds: float | None = None

    @property
    def pid(self) -> int | None:
        """The server's process id (also its process group id) while it runs."""
        return self._process.pid if self._process else None

    async def start(self) -> OpenCodeEndpoint:
        """Start the server and return its endpoint once it listens."""
        await asyncio.to_thread(self.launch.home.prepare, self.launch.plugin)
        reaped = await asyncio.to_thread(reap_orphans, self.launch.home.owners)
        if reaped:
            log.warning("killed %d process(es) of an OpenCode server whose owner died", reaped)
        started = time.monotonic()
        for attempt in range(1, PORT_ATTEMPTS + 1):
            url = await self._start_once(_free_port())
            if url is not None:
                self.startup_seconds = time.monotonic() - started
                log.info("OpenCode listening on %s after %.2f s", url, self.startup_seconds)
                return OpenCodeEndpoint(
                    base_url=url, username=self.launch.username, password=self.launch.password
                )
            log.warning("OpenCode exited during start-up (attempt %d)", attempt)
        raise OpenCodeUnavailable(f"OpenCode did not start: {self._log_tail()}")

    async def stop(self) -> None:
        """Stop the server and everything in its process group."""
        process, self._process = self._process, None
        if process is None:
            return
        _signal_group(process.pid, signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            log.warning("OpenCode ignored SIGTERM; killing its process group")
        # Children may outlive the leader in its group; none of them is wanted any more.
        _signal_group(process.pid, signal.SIGKILL)
        await asyncio.to_thread(process.wait)
        strays = kill_tagged(self._tag)
        if strays:
            log.info("killed %d process(es) OpenCode's tools left behind", len(strays))
        release(self.launch.home.owners, self._tag)

    async def __aenter__(self) -> OpenCodeEndpoint:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _start_once(self, port: int) -> str | None:
        launch = self.launch
        command = [str(launch.binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)]
        with launch.home.log_file.open("ab") as log_file:
            offset = log_file.tell()
            self._process = subprocess.Popen(  # noqa: ASYNC220 -- fork/exec only, no waiting
                command,
                cwd=launch.home.workdir,
                env={**server_environment(self._environ, launch), TAG_VARIABLE: self._tag},
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        claim(self.launch.home.owners, self._tag)
        url = await self._wait_ready(offset)
        if url is None:
            await self.stop()
        return url

    async def _wait_ready(self, offset: int) -> str | None:
        process = self._process
        deadline = time.monotonic() + self.launch.startup_seconds
        while process is not None and process.poll() is None:
            url = await asyncio.to_thread(self._announced_url, offset)
            if url:
                return url
            if time.monotonic() > deadline:
                await self.stop()
                raise OpenCodeUnavailable(
                    f"OpenCode did not listen within {self.launch.startup_seconds:g} s: "
                    f"{self._log_tail()}"
                )
            await asyncio.sleep(POLL_SECONDS)
        return None

    def _announced_url(self, offset: int) -> str | None:
        with self.launch.home.log_file.open("rb") as log_file:
            log_file.seek(offset)
            found = READY_LINE.search(log_file.read())
        return found.group(1).decode() if found else None

    def _log_tail(self) -> str:
        try:
            data = self.launch.home.log_file.read_bytes()[-LOG_TAIL_BYTES:]
        except OSError:
            return "(no log)"
        return data.decode(errors="replace").strip() or "(empty log)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)
