"""Finding a server's processes by the tag in their environment."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.opencode.sweep import TAG_VARIABLE, tagged_processes


def fake_proc(root: Path, environs: dict[int, bytes]) -> Path:
    for pid, environ in environs.items():
        (root / str(pid)).mkdir(parents=True)
        (root / str(pid) / "environ").write_bytes(environ)
    (root / "self").mkdir()
    return root


def test_only_processes_with_the_exact_tag(tmp_path: Path) -> None:
    tag = f"{TAG_VARIABLE}=abc".encode()
    proc = fake_proc(
        tmp_path,
        {
            10: b"HOME=/h\0" + tag + b"\0",
            11: b"HOME=/h\0" + tag + b"d\0",
            12: b"PATH=/bin\0",
            os.getpid(): tag + b"\0",
        },
    )
    assert tagged_processes("abc", proc) == [10]
