"""The benchmarks' own helpers: summaries and the distinct, correctly signed webhook requests."""

from __future__ import annotations

import hashlib
import hmac
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from receiver.signature import verify


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [([1.0], 0.99, 1.0), ([1.0, 2.0, 3.0, 4.0], 0.5, 2.0), ([*range(1, 101)], 0.99, 99)],
)
def test_percentile_is_nearest_rank(
    bench_module: Callable[[str], ModuleType], values: list[float], share: float, expected: float
) -> None:
    assert bench_module("_report").percentile(values, share) == expected


@pytest.mark.parametrize(
    ("values", "expected"), [([], "n/a"), ([2.0], "2.0"), ([3.0, 1.0, 2.0], "2.0 (1.0-3.0)")]
)
def test_median_spread(
    bench_module: Callable[[str], ModuleType], values: list[float], expected: str
) -> None:
    assert bench_module("_report").median_spread(values) == expected


def _split(raw: bytes) -> tuple[dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")[1:]
    return {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}, body


def test_github_requests_are_distinct_and_signed(
    bench_module: Callable[[str], ModuleType],
) -> None:
    workload = bench_module("_webhooks").github_comments("s3cret", "run1")
    requests = [_split(workload.raw(i, "h")) for i in range(3)]
    assert len({body for _, body in requests}) == 3
    assert len({headers["x-github-delivery"] for headers, _ in requests}) == 3
    for headers, body in requests:
        assert verify("s3cret", body, headers["x-hub-signature-256"])
        assert int(headers["content-length"]) == len(body)
        assert b"/autofix status" in body


def test_railway_requests_differ_in_their_timestamp(
    bench_module: Callable[[str], ModuleType],
) -> None:
    workload = bench_module("_webhooks").railway_alerts("token", "run1")
    bodies = [_split(workload.raw(i, "h"))[1] for i in range(3)]
    assert len(set(bodies)) == 3
    assert all(b'"type":"Deployment.crashed"' in b for b in bodies)


@pytest.mark.skipif(shutil.which("luajit") is None, reason="needs luajit (Debian's luajit)")
@pytest.mark.parametrize("prefix_size", [0, 55, 64, 119, 13_000])
def test_lua_hmac_matches_python(
    bench_module: Callable[[str], ModuleType], prefix_size: int, tmp_path: Path
) -> None:
    lua = bench_module("_webhooks")._HMAC_LUA
    prefix, tail, key = "p" * prefix_size, '-0-17"}}', "k" * 22
    script = tmp_path / "t.lua"
    script.write_text(
        f'dofile("{lua}")\nio.write(hmac_tail(hmac_prefix(arg[1], arg[2]), arg[3]))\n'
    )
    out = subprocess.run(
        ["luajit", str(script), key, prefix, tail], capture_output=True, text=True, check=True
    ).stdout
    assert out == hmac.new(key.encode(), (prefix + tail).encode(), hashlib.sha256).hexdigest()
