"""Each benchmark script imports and answers ``--help`` (they are run by hand, not timed here)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.mark.parametrize("name", ["receiver", "fanout", "context_size", "worker_memory"])
def test_script_imports_and_explains_itself(
    name: str,
    bench_module: Callable[[str], ModuleType],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = bench_module(name)
    monkeypatch.setattr(sys, "argv", [f"{name}.py", "--help"])
    with pytest.raises(SystemExit) as exited:
        module.main()
    assert exited.value.code == 0
    assert "Goal" in capsys.readouterr().out
