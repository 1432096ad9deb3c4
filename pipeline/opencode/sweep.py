"""Finding every process an OpenCode server started, even those that left its process group.

OpenCode runs each bash tool call in a new session (``setsid``), and a command may leave a
background job behind that outlives the call and is re-parented to init. Killing the
server's process group misses those, but they all inherit the server's environment: the
server is started with a unique tag variable, and the sweep kills whatever carries it.
Linux only (``/proc``); elsewhere the sweep finds nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

TAG_VARIABLE = "AUTOFIX_OPENCODE_TAG"
PROC = Path("/proc")


def tagged_processes(tag: str, proc: Path = PROC) -> list[int]:
    """Processes, other than this one, whose environment holds ``TAG_VARIABLE=tag``."""
    entry = f"{TAG_VARIABLE}={tag}".encode()
    found = []
    for environ in proc.glob("[0-9]*/environ"):
        pid = int(environ.parent.name)
        if pid == os.getpid():
            continue
        try:
            entries = environ.read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        if entry in entries:
            found.append(pid)
    return found


def kill_tagged(tag: str, proc: Path = PROC) -> list[int]:
    """SIGKILL every process carrying ``tag``; return their ids."""
    pids = tagged_processes(tag, proc)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return pids
