"""The embedded Redis server stops with the process that started it, however that one ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis

from pipeline.redis_server import EmbeddedRedis

_OWNER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pipeline.redis_server import EmbeddedRedis
    server = EmbeddedRedis(Path(sys.argv[1])).start()
    print(server._process.pid, flush=True)
    time.sleep(120)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) counts as gone.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
def test_a_server_outlives_no_owner_killed_by_sigkill(tmp_path: Path) -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", _OWNER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert owner.stdout is not None
        server_pid = int(owner.stdout.readline())
        socket = EmbeddedRedis(tmp_path).socket
        with redis.Redis(unix_socket_path=str(socket)) as client:
            assert client.ping()
        owner.send_signal(signal.SIGKILL)
        owner.wait(10)
        deadline = time.monotonic() + 10
        while _alive(server_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(server_pid), "redis-server outlived the process that started it"
    finally:
        owner.kill()
        owner.wait(10)
        if owner.stdout is not None:
            owner.stdout.close()
