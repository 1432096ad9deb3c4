"""Both webhook endpoints, fed random and mutilated bodies through the real app over HTTP.

Whatever arrives, the answer is a 4xx with a JSON reason, or a 2xx for valid or ignored input:
never a 5xx, never an unhandled exception. Mutations start from real payloads (Railway's
documented and captured webhooks, GitHub's captured deliveries) so that most examples get past
JSON parsing and exercise the field readers. A delivery the receiver queues must also be one
the worker can read back, or it would fail later where nobody sees the sender.
"""

from __future__ import annotations

import copy
import json
import string
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from arq.connections import ArqRedis
from arq.jobs import Job
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.settings import Settings
from pipeline.connections import deserialize
from pipeline.intake.github_event import CommentCommand, PullRequestClosed
from pipeline.intake.railway_event import RailwayEvent
from receiver.app import create_app
from receiver.local_server import serving
from receiver.signature import sign
from tests.conftest import make_settings

ROOT = Path(__file__).parents[2]
RAILWAY_FIXTURES = ROOT / "tests" / "fixtures" / "railway_webhooks"
GITHUB_FIXTURES = ROOT / "standins" / "github" / "payloads"
RAILWAY_PATH = "/webhooks/railway/railway-test-token"
SECRET = "It's a Secret to Everybody"
MAX_BODY = 262_144

RAILWAY_PAYLOADS = [
    json.loads(path.read_text())
    for path in sorted(RAILWAY_FIXTURES.glob("*.json"))
    if "invalid-json" not in path.name
]
GITHUB_FILES = {
    "issue_comment.created.payload.json": "issue_comment",
    "go-playground__webhooks.issue_comment.pull-request-issue-comment.json": "issue_comment",
    "pull_request.closed.payload.json": "pull_request",
    "robvanderleek__create-issue-branch.pull_request.pull_request.closed.json": "pull_request",
    "pull_request_review_comment.created.payload.json": "pull_request_review_comment",
}
EVENTS = sorted({*GITHUB_FILES.values(), "ping", "push", "issues"})

# Markers replaced in the JSON text by what ``json.dumps`` cannot write itself.
_RAW = {
    "\x00deep": "[" * 100_000 + "]" * 100_000,
    "\x00nested": "[" * 900 + "{}" + "]" * 900,
    "\x00bigint": "9" * 5_000,
    "\x00bigexp": "1e999999",
}
HUGE = st.sampled_from(
    [10**4000, -(10**300), 2**63, 2**64 + 1, 1e308, -1e308, float("inf"), float("nan"), -0.0]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=40)
    | HUGE
    | st.sampled_from(sorted(_RAW))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
# What an HTTP client can send at all (h11 refuses surrounding whitespace).
HEADER_TEXT = st.text(alphabet=string.ascii_letters + string.digits + "-_.:/ ", max_size=40).map(
    str.strip
)


def with_command(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload with an ``/autofix`` command in its comment, so the command reader runs."""
    if "comment" not in payload:
        return payload
    changed = copy.deepcopy(payload)
    changed["comment"]["body"] = "/autofix rerun keep it small"
    return changed


GITHUB_PAYLOADS = [
    (event, variant)
    for name, event in GITHUB_FILES.items()
    for payload in [json.loads((GITHUB_FIXTURES / name).read_text())]
    for variant in (payload, with_command(payload))
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        items: list[tuple[Any, Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return []
    out = []
    for key, child in items:
        out.append((*prefix, key))
        out += _paths(child, (*prefix, key))
    return out


def _dumps(document: Any) -> bytes:
    text = json.dumps(document)  # NaN and Infinity are written as such: Python reads them back
    for marker, raw in _RAW.items():
        text = text.replace(json.dumps(marker), raw)
    return text.encode()


@st.composite
def mutated(draw: st.DrawFn, documents: list[Any]) -> Any:
    """A real payload with one to three of its fields replaced, deleted or re-typed."""
    document = copy.deepcopy(draw(st.sampled_from(documents)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        if not paths:
            break
        *parents, key = draw(st.sampled_from(paths))
        parent = document
        for step in parents:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "replace", "delete", "wrap", "stringify"]))
        if action == "delete":
            del parent[key]
        elif action == "wrap":
            parent[key] = [parent[key]]
        elif action == "stringify":
            parent[key] = json.dumps(parent[key])
        else:
            parent[key] = draw(VALUES)
    return document


def _spoil_utf8(body: bytes, at: int) -> bytes:
    cut = at % (len(body) + 1)
    return body[:cut] + b"\xff\xc3(\xed\xa0\x80" + body[cut:]


def bodies(documents: list[Any]) -> st.SearchStrategy[bytes]:
    """Bodies from plausible to hostile."""
    plausible = mutated(documents).map(_dumps)
    return st.one_of(
        *[plausible] * 6,
        st.builds(_spoil_utf8, plausible, st.integers(0, 10_000)),
        VALUES.map(_dumps),
        st.binary(max_size=300),
        st.sampled_from([b"", b" ", b"null", b"[]", b'"x"', b"{", b"{}" * 3, b"\xef\xbb\xbf{}"]),
    )


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[bytes, dict[str, str]]:
    """A signed GitHub delivery: body and headers, the event header usually matching."""
    event, _ = draw(st.sampled_from(GITHUB_PAYLOADS))
    documents = [payload for e, payload in GITHUB_PAYLOADS if e == event]
    body = draw(bodies(documents))
    if draw(st.booleans()):
        event = draw(st.sampled_from(EVENTS) | HEADER_TEXT)
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": draw(st.uuids().map(str) | st.uuids().map(str) | HEADER_TEXT),
        "X-GitHub-Hook-ID": draw(st.sampled_from(["1", ""]) | HEADER_TEXT),
        "Content-Type": "application/json",
    }
    if draw(st.integers(0, 4)) == 0:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = draw(
            st.sampled_from(
                [
                    urlencode({"payload": body.decode(errors="replace")}).encode(),
                    body,
                    b"payload",
                    b"other=1",
                ]
            )
        )
    headers["X-Hub-Signature-256"] = sign(SECRET, body)
    return body, headers


def assert_answered_properly(answer: httpx.Response) -> dict[str, Any]:
    """A 4xx with a JSON reason, or a 2xx saying what happened; never a 5xx."""
    assert answer.status_code < 500, (answer.status_code, answer.text[:500])
    assert answer.headers["content-type"].startswith("application/json"), answer.headers
    document: dict[str, Any] = answer.json()
    if answer.status_code >= 400:
        assert answer.status_code in {400, 401, 403, 413, 422}, answer.text[:500]
        assert document["status"] == "rejected"
        assert isinstance(document["reason"], str)
        assert document["reason"]
    else:
        assert answer.status_code in {200, 202}
        assert document["status"] in {"queued", "duplicate", "ignored", "pong"}
    return document


async def queued_args(redis: ArqRedis, answer: dict[str, Any]) -> Any:
    """The first argument of the job the receiver queued, as the worker will read it."""
    info = await Job(answer["job_id"], redis, _deserializer=deserialize).info()
    assert info is not None, answer
    return info.args[0]


@pytest.fixture
def fuzz_settings(redis_url: str, tmp_path: Path, redis: ArqRedis) -> Settings:
    return make_settings(redis_url, tmp_path, AUTOFIX_MAX_BODY_BYTES=str(MAX_BODY))


@pytest.fixture
async def client(fuzz_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        serving(create_app(fuzz_settings)) as base,
        httpx.AsyncClient(base_url=base, timeout=10) as http,
    ):
        yield http


FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(body=bodies(RAILWAY_PAYLOADS))
async def test_railway_endpoint_answers_any_body(
    client: httpx.AsyncClient, redis: ArqRedis, body: bytes
) -> None:
    document = assert_answered_properly(await client.post(RAILWAY_PATH, content=body))
    if document["status"] == "queued":
        RailwayEvent.model_validate(await queued_args(redis, document))


@FUZZ
@given(delivery=deliveries())
async def test_github_endpoint_answers_any_signed_delivery(
    client: httpx.AsyncClient, redis: ArqRedis, delivery: tuple[bytes, dict[str, str]]
) -> None:
    body, headers = delivery
    answer = await client.post("/webhooks/github", content=body, headers=headers)
    document = assert_answered_properly(answer)
    if document["status"] == "queued":
        args = await queued_args(redis, document)
        model = CommentCommand if args.get("kind") == "comment" else PullRequestClosed
        model.model_validate(args)


@pytest.mark.parametrize("size", [MAX_BODY + 1, 4 * MAX_BODY])
async def test_oversized_bodies_are_refused_on_both_endpoints(
    client: httpx.AsyncClient, size: int
) -> None:
    body = b'{"type": "' + b"x" * size + b'"}'
    answers = [
        await client.post(RAILWAY_PATH, content=body),
        await client.post(
            "/webhooks/github",
            content=body,
            headers={"X-Hub-Signature-256": sign(SECRET, body), "X-GitHub-Event": "ping"},
        ),
    ]
    for answer in answers:
        assert answer.status_code == 413
        assert_answered_properly(answer)


@pytest.mark.parametrize(
    "stamp",
    ["2026-11-26T03:00:00", "2026-11-26 03:00:00.5", 1795662000, "2026-11-26T05:00:00+02:00"],
    ids=["no-zone", "space-no-zone", "unix", "offset"],
)
async def test_an_accepted_alert_has_a_time_the_worker_can_compare(
    client: httpx.AsyncClient, redis: ArqRedis, stamp: str | int
) -> None:
    """Alerts of one incident are compared by time; a zone-less one would fail the incident."""
    payload = {**RAILWAY_PAYLOADS[0], "timestamp": stamp}
    if "resource" not in payload:
        payload = next(p for p in RAILWAY_PAYLOADS if "resource" in p) | {"timestamp": stamp}
    document = assert_answered_properly(await client.post(RAILWAY_PATH, content=_dumps(payload)))
    assert document["status"] == "queued", document
    event = RailwayEvent.model_validate(await queued_args(redis, document))
    other = RailwayEvent.model_validate({**event.model_dump(), "timestamp": "2026-11-26T03:00Z"})
    assert event.timestamp.utcoffset() is not None
    assert min(event.timestamp, other.timestamp) == datetime(2026, 11, 26, 3, tzinfo=UTC)
