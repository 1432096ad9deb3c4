"""Write a script's sample repository to disk, as a git repository with one commit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from standins.llm.script import Script

# Fixed identity and dates keep the commit reproducible and independent of the user's git config.
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "dana",
    "GIT_AUTHOR_EMAIL": "dana@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_NAME": "dana",
    "GIT_COMMITTER_EMAIL": "dana@example.com",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def write_sample_repo(script: Script, directory: Path, *, git: bool = True) -> Path:
    """Write ``script.repo`` under ``directory``; with ``git``, commit it on ``main``."""
    directory.mkdir(parents=True, exist_ok=True)
    for relative, content in script.repo.items():
        path = directory / relative
        if not path.resolve().is_relative_to(directory.resolve()):
            raise ValueError(f"sample file outside the repository: {relative}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    if git:
        for command in (
            ["git", "init", "--quiet", "--initial-branch=main"],
            ["git", "add", "--all"],
            ["git", "commit", "--quiet", "--message", f"{script.name}: sample repository"],
        ):
            env = {**_GIT_ENV, "PATH": os.environ.get("PATH", os.defpath)}
            subprocess.run(command, cwd=directory, env=env, check=True)
    return directory
