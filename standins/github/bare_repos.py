"""Bare git repositories on disk that back the stand-in's repositories.

Everything goes through the ``git`` command, so what the stand-in serves over smart HTTP is
exactly what ``git`` itself wrote.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

_IDENTITY = {
    "GIT_AUTHOR_NAME": "GitHub stand-in",
    "GIT_AUTHOR_EMAIL": "standin@example.invalid",
    "GIT_COMMITTER_NAME": "GitHub stand-in",
    "GIT_COMMITTER_EMAIL": "standin@example.invalid",
}


class GitFailed(Exception):
    """A git command failed; the message carries its stderr."""


class BareRepos:
    """Bare repositories under ``root``, one per ``owner/name``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, full_name: str) -> Path:
        """Where the bare repository of ``owner/name`` lives."""
        return self.root / f"{full_name}.git"

    def create(self, full_name: str, files: Mapping[str, str | bytes], branch: str) -> str:
        """Create the repository with one commit on ``branch`` holding ``files``; return its sha."""
        target = self.path(full_name)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._git(None, "init", "--quiet", "--bare", f"--initial-branch={branch}", str(target))
        self._git(target, "config", "http.receivepack", "true")
        with tempfile.TemporaryDirectory(prefix="standin-tree-") as scratch:
            tree = Path(scratch) / "tree"
            for name, content in files.items():
                file = tree / name
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_bytes(content.encode() if isinstance(content, str) else content)
            tree.mkdir(exist_ok=True)
            env = {
                "GIT_INDEX_FILE": str(Path(scratch) / "index"),
                "GIT_DIR": str(target),
                "GIT_WORK_TREE": str(tree),
            }
            self._git(tree, "add", "--all", env=env)
            tree_sha = self._git(tree, "write-tree", env=env)
        commit = self._git(target, "commit-tree", tree_sha, "-m", "Initial commit")
        self._git(target, "update-ref", f"refs/heads/{branch}", commit)
        return commit

    def commit(
        self,
        full_name: str,
        branch: str,
        files: Mapping[str, str | bytes],
        message: str,
        parent: str,
    ) -> str:
        """Commit ``files`` over commit ``parent`` and point ``branch`` at it; return its sha."""
        repo = self.path(full_name)
        with tempfile.TemporaryDirectory(prefix="standin-index-") as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self._git(repo, "read-tree", parent, env=env)
            for name, content in files.items():
                data = content.encode() if isinstance(content, str) else content
                blob = self._git(repo, "hash-object", "-w", "--stdin", stdin=data)
                self._git(
                    repo, "update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", env=env
                )
            tree = self._git(repo, "write-tree", env=env)
        commit = self._git(repo, "commit-tree", tree, "-p", parent, "-m", message)
        self._git(repo, "update-ref", f"refs/heads/{branch}", commit)
        return commit

    def resolve(self, full_name: str, ref: str) -> str | None:
        """The commit ``ref`` (``refs/heads/x``, a branch name or a sha) points at, if any."""
        try:
            return self._git(
                self.path(full_name), "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"
            )
        except GitFailed:
            return None

    def set_ref(self, full_name: str, ref: str, sha: str, expected_old: str | None = None) -> None:
        """Point ``ref`` at ``sha``; with ``expected_old`` only if it still points there."""
        args = ["update-ref", ref, sha]
        if expected_old is not None:
            args.append(expected_old)
        self._git(self.path(full_name), *args)

    def is_ancestor(self, full_name: str, ancestor: str, descendant: str) -> bool:
        """True when ``ancestor`` is reachable from ``descendant``."""
        done = subprocess.run(
            ["git", "merge-base", "--is-ancestor", ancestor, descendant],
            cwd=self.path(full_name),
            capture_output=True,
            check=False,
        )
        return done.returncode == 0

    def merge(self, full_name: str, base_ref: str, head_sha: str, message: str) -> str:
        """Merge ``head_sha`` into branch ``base_ref`` with a merge commit; return its sha."""
        repo = self.path(full_name)
        base_sha = self._git(repo, "rev-parse", "--verify", f"refs/heads/{base_ref}")
        # merge-tree --write-tree merges without a work tree; it exits 1 on conflicts.
        tree = self._git(repo, "merge-tree", "--write-tree", base_sha, head_sha).splitlines()[0]
        commit = self._git(repo, "commit-tree", tree, "-p", base_sha, "-p", head_sha, "-m", message)
        self._git(repo, "update-ref", f"refs/heads/{base_ref}", commit, base_sha)
        return commit

    def read_file(self, full_name: str, ref: str, file: str) -> bytes | None:
        """The content of ``file`` at ``ref``, or None when it does not exist there."""
        done = subprocess.run(
            ["git", "show", f"{ref}:{file}"],
            cwd=self.path(full_name),
            capture_output=True,
            check=False,
        )
        return done.stdout if done.returncode == 0 else None

    def _git(
        self,
        repo: Path | None,
        *args: str,
        env: Mapping[str, str] | None = None,
        stdin: bytes | None = None,
    ) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=repo,
            env={**os.environ, **_IDENTITY, **(env or {})},
            input=stdin,
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            error = (done.stderr or done.stdout).decode(errors="replace").strip()
            raise GitFailed(f"git {args[0]} failed: {error}")
        return done.stdout.decode().strip()
