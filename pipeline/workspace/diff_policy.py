"""What the service lets an agent's change become: checked before anything is committed.

The agent works on a clone and holds no credentials; this policy is the second half of that
boundary. A change is refused when it is empty or too large, touches CI workflows or files
that hold secrets, or adds a line in which the secret masker finds a credential.
"""

from __future__ import annotations

import fnmatch
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from pipeline.context.secrets.masker import SecretMasker

_FORBIDDEN_PATHS = (
    ".github/workflows/*",
    ".github/actions/*",
    ".gitlab-ci.yml",
    ".circleci/*",
    ".git/*",
)
_SECRET_FILES = (
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "id_rsa*",
    "id_ed25519*",
    ".npmrc",
    ".pypirc",
    ".netrc",
    "credentials.json",
    "*.keystore",
)
_SAFE_ENV_FILES = (".env.example", ".env.sample", ".env.template")
_GENERIC_KINDS = frozenset({"token", "secret", "api_key", "credential", "password"})
_LITERAL_ASSIGNMENT = re.compile(
    r"(?i)(?:pass|pwd|secret|token|key|credential)\w*[\"']?\s*[:=]\s*[\"'][^\"'\s]{8,}[\"']"
)


@dataclass(frozen=True)
class DiffLimits:
    """The largest change accepted."""

    max_files: int = 20
    max_changed_lines: int = 500


class FileChange(BaseModel):
    """One changed file."""

    status: str
    path: str
    added: int
    deleted: int


class DiffReport(BaseModel):
    """The verdict on a change, with every problem found and its size."""

    ok: bool
    problems: list[str]
    files: list[FileChange]
    added: int
    deleted: int


def check_diff(
    files: Sequence[FileChange], patch: str, limits: DiffLimits, masker: SecretMasker
) -> DiffReport:
    """Apply the policy to a staged change (``patch`` is its unified diff)."""
    problems: list[str] = []
    added = sum(f.added for f in files)
    deleted = sum(f.deleted for f in files)
    if not files:
        problems.append("the agent changed nothing")
    if len(files) > limits.max_files:
        problems.append(f"{len(files)} files changed; at most {limits.max_files} are accepted")
    if added + deleted > limits.max_changed_lines:
        problems.append(
            f"{added + deleted} lines changed; at most {limits.max_changed_lines} are accepted"
        )
    for change in files:
        problems.extend(_path_problems(change.path))
    found = _secrets_added(_added_lines(patch), masker)
    if found:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(found.items()))
        problems.append(f"the change adds what looks like secrets ({kinds})")
    return DiffReport(
        ok=not problems, problems=problems, files=list(files), added=added, deleted=deleted
    )


def _path_problems(path: str) -> list[str]:
    name = path.rsplit("/", 1)[-1]
    if any(fnmatch.fnmatch(path, pattern) for pattern in _FORBIDDEN_PATHS):
        return [f"{path}: CI and repository configuration are not for an automated fix to change"]
    if name not in _SAFE_ENV_FILES and any(fnmatch.fnmatch(name, p) for p in _SECRET_FILES):
        return [f"{path}: files that hold secrets are not for an automated fix to change"]
    return []


def _secrets_added(lines: list[str], masker: SecretMasker) -> Counter[str]:
    found: Counter[str] = Counter()
    for line in lines:
        counts = masker.mask(line).counts
        # In code, `token = os.environ["TOKEN"]` is the right way to hold a secret; a generic
        # name only counts when it is given a literal value.
        if set(counts) <= _GENERIC_KINDS and not _LITERAL_ASSIGNMENT.search(line):
            continue
        found.update(counts)
    return found


def _added_lines(patch: str) -> list[str]:
    return [
        line[1:]
        for line in patch.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
