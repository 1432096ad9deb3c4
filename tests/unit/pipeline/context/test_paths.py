from __future__ import annotations

import pytest

from pipeline.context.paths import collapse_rare_segments, template_path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/orders/123", "/api/orders/{id}"),
        ("/api/orders/3f2a1b4c-9d8e-4f7a-b6c5-d4e3f2a1b0c9/items", "/api/orders/{id}/items"),
        ("/blobs/4b825dc642cb6eb9", "/blobs/{id}"),
        ("/u/01HQZ8V4K7Y3N2M1P0R9S8T7U6", "/u/{id}"),
        ("/users/alice@example.com", "/users/{id}"),
        ("/search?q=shoes&page=2", "/search?page=…&q=…"),
        ("/api/v1/health", "/api/v1/health"),
        ("/", "/"),
        ("/docs#intro", "/docs"),
    ],
)
def test_template_path(path: str, expected: str) -> None:
    assert template_path(path) == expected


def test_crowded_positions_collapse_and_quiet_ones_stay() -> None:
    slugs = [f"/blog/post-number-{word}" for word in "abcdefghijklmnop"]
    mapping = collapse_rare_segments([*slugs, "/blog/archive", "/about"], limit=12)
    assert {mapping[s] for s in slugs} == {"/blog/{*}"}
    assert mapping["/about"] == "/about"


def test_few_values_stay_literal() -> None:
    mapping = collapse_rare_segments(["/a/x", "/a/y"], limit=12)
    assert mapping == {"/a/x": "/a/x", "/a/y": "/a/y"}
