"""Which services are databases, told by the image they run.

Railway has no database type: a managed Postgres is an ordinary service whose source is an
image such as ``ghcr.io/railwayapp-templates/postgres-ssl``. Having a volume proves nothing
(apps keep uploads on volumes too), so the image name is the signal.
"""

from __future__ import annotations

# Prefix of the image's last path segment → engine. Longer prefixes first where they overlap.
_ENGINES: tuple[tuple[str, str], ...] = (
    ("postgres", "postgres"),
    ("postgis", "postgres"),
    ("pgvector", "postgres"),
    ("timescaledb", "postgres"),
    ("mysql", "mysql"),
    ("mariadb", "mariadb"),
    ("redis", "redis"),
    ("valkey", "redis"),
    ("keydb", "redis"),
    ("dragonfly", "redis"),
    ("mongo", "mongodb"),
    ("clickhouse", "clickhouse"),
)


def database_engine(image: str | None) -> str | None:
    """The database engine an image runs (``postgres``, ``redis``…), or ``None``."""
    if not image:
        return None
    name = image.rsplit("/", 1)[-1].split("@", 1)[0].split(":", 1)[0].lower()
    for prefix, engine in _ENGINES:
        if name.startswith(prefix):
            return engine
    return None
