"""One line of ``autofix doctor``'s table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["OK", "problem", "skipped"]


@dataclass(frozen=True)
class Finding:
    """What a check found, and how to fix a problem."""

    check: str
    status: Status
    detail: str
    hint: str = ""
