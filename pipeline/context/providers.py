"""Third-party providers a repository depends on, from its manifests and ``providers.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from pipeline.context.manifests import Dependency, Ecosystem, dependencies_of


class Provider(BaseModel):
    """A third-party service and the packages that reveal a dependency on it."""

    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    statuspage: str | None
    packages: dict[Ecosystem, tuple[str, ...]]
    implies_service: bool = True

    def matches(self, dependency: Dependency) -> bool:
        """Whether ``dependency`` is one of this provider's packages (``*`` is a wildcard)."""
        patterns = self.packages.get(dependency.ecosystem, ())
        return any(fnmatchcase(dependency.name, pattern) for pattern in patterns)


class ProviderMatch(BaseModel):
    """A provider and the dependencies that point to it."""

    model_config = ConfigDict(frozen=True)

    provider: Provider
    evidence: tuple[str, ...]


def load_providers(text: str | None = None) -> tuple[Provider, ...]:
    """The provider table from ``text``, or from the ``providers.json`` shipped beside this."""
    if text is None:
        return _shipped()
    return tuple(Provider.model_validate(p) for p in json.loads(text)["providers"])


@cache
def _shipped() -> tuple[Provider, ...]:
    # Read once per process, not once per incident context.
    return load_providers(
        resources.files("pipeline.context").joinpath("providers.json").read_text("utf-8")
    )


def infer_providers(
    manifests: Mapping[str, str], providers: Iterable[Provider]
) -> list[ProviderMatch]:
    """Providers used by a repository whose manifests are given as path → content."""
    dependencies = sorted(dependencies_of(manifests), key=lambda d: (d.ecosystem, d.name))
    found = []
    for provider in providers:
        hits = [f"{d.ecosystem}:{d.name}" for d in dependencies if provider.matches(d)]
        if hits:
            found.append(ProviderMatch(provider=provider, evidence=tuple(hits)))
    return found
