from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.context.levels import Level, Levels, level_of


@pytest.mark.parametrize(
    ("severity", "message", "expected"),
    [
        ("error", "INFO:     Started server process [1]", Level.INFO),
        ("error", "2026-03-14 09:00:00,123 WARNING [app] slow query", Level.WARNING),
        ("info", "level=error msg=boom", Level.ERROR),
        (None, '{"level":50,"msg":"boom"}', Level.ERROR),
        (None, '{"level":30,"msg":"ok"}', Level.INFO),
        (None, 'level=info msg="error count 0"', Level.INFO),
        ("info", "Error: connect ECONNREFUSED 127.0.0.1:5432", Level.ERROR),
        ("info", "Traceback (most recent call last):", Level.ERROR),
        ("info", "panic: runtime error: index out of range", Level.ERROR),
        ("info", "Process exited with code 137", Level.ERROR),
        ("info", "FATAL: password authentication failed", Level.ERROR),
        ("info", "npm WARN deprecated inflight@1.0.6", Level.WARNING),
        ("info", "retrying in 2s", Level.WARNING),
        ("error", '  File "/app/x.py", line 3, in f', Level.ERROR),
        ("info", "errors=0 processed", Level.INFO),
        ("debug", "cache hit", Level.DEBUG),
        (None, "GET /health 200", Level.INFO),
        ("warn", "disk at 91%", Level.WARNING),
        ("info", "KeyError: 'WORKER_QUEUES'", Level.ERROR),
        ("info", "raise TimeoutException()", Level.ERROR),
        ("info", "OOMKilled", Level.ERROR),
        ("info", "npm ERR! code ELIFECYCLE", Level.ERROR),
        ("info", "shop-worker: DEPRECATION notice for v1 queues", Level.WARNING),
        # A class-name suffix counts only in CamelCase: this is a word, not an exception.
        ("info", "film review: a reign of terror", Level.INFO),
    ],
)
def test_level_of(severity: str | None, message: str, expected: Level) -> None:
    assert level_of(severity, message) == expected


_PIECES = [
    *"aeAE019 :=-[]|#######",
    "exit code ",
    "exited with status ",
    '"level":',
    "level=",
    "lvl:",
    "ERROR",
    "INFO",
    "WARN",
    "Error",
    "KeyError",
    "Traceback",
    " warn ",
    "panic",
]


@settings(max_examples=400)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=20).map("".join),
    st.sampled_from([None, "info", "error"]),
    st.lists(
        st.lists(st.sampled_from("0123456789"), min_size=20, max_size=20), min_size=2, max_size=4
    ),
)
def test_remembered_levels_are_the_levels(
    shape: str, severity: str | None, fillings: list[list[str]]
) -> None:
    # Lines of one shape (digits aside): the memo must never answer what level_of would not.
    levels = Levels()
    for digits in fillings:
        it = iter(digits * (shape.count("#") // len(digits) + 1))
        line = "".join(next(it) if c == "#" else c for c in shape)
        assert levels(severity, line) == level_of(severity, line), line


def test_exit_statuses_of_one_shape_keep_their_own_levels() -> None:
    levels = Levels()
    assert levels("info", "worker exited with code 0") == Level.INFO
    assert levels("info", "worker exited with code 1") == Level.ERROR
    assert levels(None, '{"level":30,"msg":"ok"}') == Level.INFO
    assert levels(None, '{"level":50,"msg":"ok"}') == Level.ERROR
