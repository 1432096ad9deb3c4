"""Whether the real OpenCode binary is installed (``npm ci`` at the repository root)."""

from __future__ import annotations

import pytest

from pipeline.opencode.binaries import REPO_ROOT

OPENCODE = REPO_ROOT / "node_modules" / ".bin" / "opencode"

needs_opencode = pytest.mark.skipif(
    not OPENCODE.exists(),
    reason="node_modules/.bin/opencode is missing: run `npm ci` at the repository root",
)
