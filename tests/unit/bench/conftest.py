"""Loading the benchmark scripts in bench/, which are scripts, not a package."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

# The real package first: bench/receiver.py must never be imported as ``receiver``.
import receiver.app  # noqa: F401

BENCH = Path(__file__).resolve().parents[3] / "bench"


@pytest.fixture
def bench_module() -> Callable[[str], ModuleType]:
    """Import ``bench/<name>.py`` as ``bench_<name>``, with bench/ on sys.path only meanwhile."""

    def load(name: str) -> ModuleType:
        sys.path.insert(0, str(BENCH))
        try:
            spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
            assert spec is not None
            assert spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            # Dataclasses look their module up in sys.modules while the class is made.
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(BENCH))
        return module

    return load
