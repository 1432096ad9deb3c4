from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.context.http_digest import digest_http, percentile
from pipeline.context.http_render import http_section
from pipeline.context.logs import HttpRequestLog
from tests.unit.pipeline.context.sample_logs import incident_requests

T0 = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "pct", "expected"),
    [
        ([], 50, None),
        ([7.0], 95, 7.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
        ([float(i) for i in range(1, 101)], 95, 95.0),
        ([float(i) for i in range(1, 101)], 50, 50.0),
    ],
)
def test_percentile_nearest_rank(values: list[float], pct: float, expected: float | None) -> None:
    assert percentile(values, pct) == expected


def _request(path: str, status: int, ms: float, method: str = "GET") -> HttpRequestLog:
    return HttpRequestLog(timestamp=T0, method=method, path=path, status=status, duration_ms=ms)


def test_routes_group_by_method_and_templated_path_with_status_mix() -> None:
    requests = [
        _request("/api/orders/1", 200, 10),
        _request("/api/orders/2", 502, 3000),
        _request("/api/orders/3", 200, 20),
        _request("/api/orders", 201, 40, method="post"),
    ]
    digest = digest_http(requests)
    first, second = digest.routes
    assert (first.method, first.path, first.count) == ("GET", "/api/orders/{id}", 3)
    assert first.statuses == {200: 2, 502: 1}
    assert first.error_share == pytest.approx(1 / 3)
    assert (first.p50_ms, first.p95_ms) == (20, 3000)
    assert (second.method, second.path, second.server_errors) == ("POST", "/api/orders", 0)
    assert digest.server_errors == 1


def test_failing_routes_sort_first_and_upstream_errors_are_templated() -> None:
    digest = digest_http(incident_requests())
    top = digest.routes[0]
    assert (top.method, top.path) == ("POST", "/api/orders")
    assert top.server_errors > 0
    assert top.p95_ms is not None
    assert top.p95_ms > 10_000
    assert list(top.upstream_errors) == ['[{"error":"connection refused"}]']


def test_every_rendition_keeps_failing_routes() -> None:
    section = http_section(digest_http(incident_requests()))
    assert all("POST /api/orders x" in v for v in section.variants)
    assert "GET /health" in section.variants[0]
    assert "GET /health" not in section.variants[-1]
