from __future__ import annotations

import pytest

from pipeline.railway.databases import database_engine


@pytest.mark.parametrize(
    ("image", "engine"),
    [
        ("ghcr.io/railwayapp-templates/postgres-ssl:16", "postgres"),
        ("postgres:16-alpine", "postgres"),
        ("pgvector/pgvector:pg16", "postgres"),
        ("timescale/timescaledb:latest-pg16", "postgres"),
        ("bitnami/redis:7.2.5", "redis"),
        ("valkey/valkey:8", "redis"),
        ("mysql:8.4", "mysql"),
        ("mariadb:11", "mariadb"),
        ("mongo:7@sha256:0123", "mongodb"),
        ("clickhouse/clickhouse-server:24.8", "clickhouse"),
        ("ghcr.io/acme/shop-api:1.2.3", None),
        ("nginx:1.27", None),
        (None, None),
        ("", None),
    ],
)
def test_database_engine(image: str | None, engine: str | None) -> None:
    assert database_engine(image) == engine
