"""Dependency names from a repository's manifests (npm, PyPI, Go modules, RubyGems).

Parsing is forgiving: a manifest that cannot be read yields no dependencies, never an error,
because a broken ``package.json`` must not stop an incident analysis.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict

Ecosystem = Literal["npm", "pypi", "go", "rubygems"]


class Dependency(BaseModel):
    """A package a repository depends on."""

    model_config = ConfigDict(frozen=True)

    ecosystem: Ecosystem
    name: str


_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_GO_REQUIRE = re.compile(r"^\s*(?:require\s+)?([\w.~-]+(?:/[\w.~-]+)+)\s+v\d")
_GO_MAJOR = re.compile(r"/v\d+$")
_GEM = re.compile(r"""^\s*gem\s+['"]([^'"]+)['"]""")
_LOCK_SPEC = re.compile(r"^ {4}([A-Za-z0-9_.-]+) \(")


def pypi_name(name: str) -> str:
    """The normalised (PEP 503) form of a Python package name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def dependencies_in(filename: str, text: str) -> set[Dependency]:
    """The dependencies declared in one manifest, chosen by its file name."""
    parser = _parser_for(PurePosixPath(filename).name)
    if parser is None:
        return set()
    try:
        return set(parser(text))
    except (ValueError, TypeError, AttributeError, tomllib.TOMLDecodeError):
        return set()


def dependencies_of(manifests: Mapping[str, str]) -> set[Dependency]:
    """The dependencies declared across manifests given as path → content."""
    found: set[Dependency] = set()
    for path, text in manifests.items():
        found |= dependencies_in(path, text)
    return found


def _parser_for(name: str) -> Callable[[str], Iterator[Dependency]] | None:
    if name == "package.json":
        return _package_json
    if name.startswith("requirements") and name.endswith((".txt", ".in")):
        return _requirements
    if name == "pyproject.toml":
        return _pyproject
    if name == "go.mod":
        return _go_mod
    if name == "Gemfile":
        return _gemfile
    if name == "Gemfile.lock":
        return _gemfile_lock
    return None


def _package_json(text: str) -> Iterator[Dependency]:
    data = json.loads(text)
    for section in ("dependencies", "optionalDependencies", "peerDependencies"):
        for name in data.get(section) or {}:
            yield Dependency(ecosystem="npm", name=name)


def _requirements(text: str) -> Iterator[Dependency]:
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = _REQUIREMENT.match(line)
        if match:
            yield Dependency(ecosystem="pypi", name=pypi_name(match.group(1)))


def _pyproject(text: str) -> Iterator[Dependency]:
    data = tomllib.loads(text)
    project = data.get("project") or {}
    specs = list(project.get("dependencies") or [])
    for extra in (project.get("optional-dependencies") or {}).values():
        specs.extend(extra)
    yield from _requirements("\n".join(specs))
    poetry = (data.get("tool") or {}).get("poetry") or {}
    for name in poetry.get("dependencies") or {}:
        if name.lower() != "python":
            yield Dependency(ecosystem="pypi", name=pypi_name(name))


def _go_mod(text: str) -> Iterator[Dependency]:
    for line in text.splitlines():
        match = _GO_REQUIRE.match(line)
        if match and not line.lstrip().startswith(("module", "replace", "exclude")):
            yield Dependency(ecosystem="go", name=_GO_MAJOR.sub("", match.group(1)))


def _gemfile(text: str) -> Iterator[Dependency]:
    for line in text.splitlines():
        match = _GEM.match(line)
        if match:
            yield Dependency(ecosystem="rubygems", name=match.group(1))


def _gemfile_lock(text: str) -> Iterator[Dependency]:
    for line in text.splitlines():
        match = _LOCK_SPEC.match(line)
        if match:
            yield Dependency(ecosystem="rubygems", name=match.group(1))
