"""The GraphQL documents the Railway client sends, one operation per ``.graphql`` file.

A document may spread fragments kept in ``fragments/``; the ones it uses (transitively) are
appended when it is loaded, because GraphQL rejects documents with unused fragments.
One document is generated instead: ``DeploymentLogsBatch``, the logs of several deployments
in one request through aliases (``d0``, ``d1``...), so a project's services cost one request
against Railway's rate limit (10 requests/s on Hobby) instead of one each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_SPREAD = re.compile(r"\.\.\.\s*([A-Za-z_]\w*)")


@dataclass(frozen=True)
class Operation:
    """A named GraphQL operation, ready to send."""

    name: str
    document: str


@cache
def operation(name: str) -> Operation:
    """The operation in ``<name>.graphql``, with the fragments it spreads."""
    own = _read(f"{name}.graphql")
    return Operation(name=name, document="\n".join([own, *_fragments_for(own)]))


def operation_names() -> list[str]:
    """Every operation shipped with the client."""
    root = resources.files(__package__)
    return sorted(
        p.name.removesuffix(".graphql") for p in root.iterdir() if p.name.endswith(".graphql")
    )


def _fragments_for(text: str) -> list[str]:
    found: dict[str, str] = {}
    pending = _SPREAD.findall(text)
    while pending:
        name = pending.pop()
        if name not in found:
            found[name] = _read(f"fragments/{name}.graphql")
            pending.extend(_SPREAD.findall(found[name]))
    return [found[name] for name in sorted(found)]


def _read(relative: str) -> str:
    return resources.files(__package__).joinpath(relative).read_text(encoding="utf-8").strip()


BATCH_LOGS = "DeploymentLogsBatch"


@cache
def deployment_logs_batch(count: int) -> Operation:
    """``DeploymentLogs`` for ``count`` deployments at once, aliased ``d0`` to ``d<count-1>``.

    Variables: ``d0``... (deployment ids) and the shared ``limit``, ``startDate``, ``endDate``
    and ``filter``.
    """
    if count < 1:
        raise ValueError("a batch needs at least one deployment")
    ids = ", ".join(f"$d{i}: String!" for i in range(count))
    fields = "\n".join(
        f"  d{i}: deploymentLogs(deploymentId: $d{i}, limit: $limit, startDate: $startDate, "
        f"endDate: $endDate, filter: $filter) {{ ...LogFields }}"
        for i in range(count)
    )
    own = (
        f"query {BATCH_LOGS}({ids}, $limit: Int, $startDate: DateTime, $endDate: DateTime, "
        f"$filter: String) {{\n{fields}\n}}"
    )
    return Operation(name=BATCH_LOGS, document="\n".join([own, *_fragments_for(own)]))
