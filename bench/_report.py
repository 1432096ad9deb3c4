"""What every benchmark prints: the machine, medians with their spread, Markdown tables."""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
from collections.abc import Sequence


def machine() -> str:
    """One line naming cores, CPU model, Python and the load when the run started."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"nproc={os.cpu_count()}, CPU {model}, Python {platform.python_version()}, "
        f"Linux {platform.release()}, load average at start {load}"
    )


def command() -> str:
    """The command line this process was started with, to paste next to its figures."""
    return " ".join([os.path.relpath(sys.executable), *sys.argv])


def median_spread(values: Sequence[float], digits: int = 1) -> str:
    """``median (min-max)``, the form every repeated figure is reported in."""
    if not values:
        return "n/a"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    med = statistics.median(values)
    return f"{med:.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def percentile(sorted_values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(share * len(sorted_values))))
    return sorted_values[rank - 1]


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(met: bool, goal: str) -> str:
    """The closing line of a run: whether its goal was met."""
    return f"**Goal {'met' if met else 'MISSED'}:** {goal}"
