"""Shortening a stack trace: library frames folded, long traces cut in the middle."""

from __future__ import annotations

import re

_LIBRARY = re.compile(
    r"site-packages/|dist-packages/|node_modules/|node:internal|<frozen |/usr/lib/python"
    r"|/usr/local/lib/python|java\.base/|jdk\.internal|/usr/local/go/src/|\bat (?:java|javax|sun)\."
)
_PY_FRAME = re.compile(r'^\s+File "')
# Runs shorter than this stay: folding them would save nothing.
MIN_FOLD = 3


def fold_library_frames(lines: list[str]) -> list[str]:
    """``lines`` with each run of library frames replaced by one line saying how many."""
    out: list[str] = []
    run = 0
    in_library_frame = False
    for line in lines:
        library = bool(_LIBRARY.search(line))
        code_of_library = in_library_frame and not _PY_FRAME.match(line) and line[:1].isspace()
        if library or code_of_library:
            run += 1
            in_library_frame = library or code_of_library
            out.append(line)
            continue
        out = _fold_tail(out, run)
        run, in_library_frame = 0, False
        out.append(line)
    return _fold_tail(out, run)


def _fold_tail(out: list[str], run: int) -> list[str]:
    if run < MIN_FOLD:
        return out
    return [*out[:-run], f"  … {run} library frame lines …"]


def cut_middle(lines: list[str], limit: int) -> list[str]:
    """At most ``limit`` lines: the head and, mostly, the tail, where the error is stated."""
    if len(lines) <= limit:
        return lines
    head = max(1, limit // 3)
    tail = max(1, limit - head - 1)
    return [*lines[:head], f"  … {len(lines) - head - tail} lines …", *lines[-tail:]]


def one_line(lines: list[str], width: int) -> str:
    """A trace's error and its innermost own frame, for when only a line per error fits."""
    stripped = [line.strip() for line in lines if line.strip()]
    own = [line for line in stripped if _is_frame(line) and not _LIBRARY.search(line)]
    if stripped[0].startswith("Traceback"):
        text = stripped[-1] + (f" ({own[-1]})" if own else "")
    else:
        text = stripped[0] + (f" ({own[0]})" if own else "")
    return text if len(text) <= width else text[: width - 1] + "…"


def _is_frame(line: str) -> bool:
    return line.startswith(("File ", "at ")) or ".go:" in line
