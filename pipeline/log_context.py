"""Ids that every log line of a run carries (incident, run, step, delivery), via contextvars.

``bind`` adds ids for the duration of a block, across ``await``; ``ContextFilter`` copies the
current ids onto each log record, where the formatters pick them up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ids: ContextVar[dict[str, str]] = ContextVar("autofix_log_ids", default={})  # noqa: B039 - never mutated, only replaced


@contextmanager
def bind(**ids: str | None) -> Iterator[None]:
    """Attach ``ids`` (None values are skipped) to every log line inside the block."""
    token = _ids.set({**_ids.get(), **{k: v for k, v in ids.items() if v is not None}})
    try:
        yield
    finally:
        _ids.reset(token)


def current() -> dict[str, str]:
    """The ids bound right now."""
    return dict(_ids.get())


class ContextFilter(logging.Filter):
    """Puts the bound ids on ``record.ids``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.ids = _ids.get()
        return True
