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


def claim(owners: Path, tag: str) -> None:
    """Record that this process owns the server tagged ``tag``."""
    owners.mkdir(parents=True, exist_ok=True)
    (owners / tag).write_text(str(os.getpid()))


def release(owners: Path, tag: str) -> None:
    """Forget the claim on ``tag``."""
    with contextlib.suppress(FileNotFoundError):
        (owners / tag).unlink()


def reap_orphans(owners: Path, proc: Path = PROC) -> int:
    """Kill servers (and their strays) whose owning process died without stopping them.

    A worker killed with SIGKILL cannot stop its OpenCode server; the next one to start a
    server on the same data directory finds the claim of a dead owner and finishes the job.
    """
    killed = 0
    for claim_file in owners.glob("*") if owners.is_dir() else []:
        try:
            owner = int(claim_file.read_text().strip() or 0)
        except (OSError, ValueError):
            owner = 0
        if owner and (proc / str(owner)).exists():
            continue
        killed += len(kill_tagged(claim_file.name, proc))
        release(owners, claim_file.name)
    return killed
