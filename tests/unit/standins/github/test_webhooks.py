"""Webhook deliveries built by the stand-in: signed like GitHub's, shaped like its schemas."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from standins.github.webhooks import (
    Person,
    RepoRef,
    deliver,
    issue_comment_created,
    pull_request_closed,
    review_comment_created,
    signature,
)

SCHEMAS = Path(__file__).parents[3] / "fixtures" / "github" / "webhooks_subset.json"
REPO = RepoRef(
    full_name="acme/shop",
    installation_id=77,
    api_url="http://127.0.0.1:9/api/v3",
    web_url="http://127.0.0.1:9",
)
ALICE = Person(login="alice", id=5, association="COLLABORATOR")
BOT = Person(login="autofix[bot]", id=9, type="Bot", association="NONE")


@cache
def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMAS.read_text())
    return loaded


def _schema_problems(webhook: str, payload: dict[str, Any]) -> list[str]:
    body = _document()["webhooks"][webhook]["post"]["requestBody"]["content"]["application/json"]
    registry: Registry[Any] = Registry().with_resource(
        "urn:webhooks", Resource.from_contents(_document(), default_specification=DRAFT202012)
    )
    ref = body["schema"]["$ref"]
    validator = OAS31Validator({"$ref": f"urn:webhooks{ref}"}, registry=registry)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator.iter_errors(payload)
    ]


def test_signature_matches_githubs_documented_vector() -> None:
    expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    assert signature(b"Hello, World!", "It's a Secret to Everybody") == expected


def test_a_delivery_carries_githubs_headers_and_signs_its_exact_bytes() -> None:
    payload = issue_comment_created(
        REPO, number=3, comment_id=11, body="/autofix rerun", author=ALICE
    )
    delivery = deliver("issue_comment", payload, "s3cret", delivery_id="guid-1")
    assert delivery.headers["X-GitHub-Event"] == "issue_comment"
    assert delivery.headers["X-GitHub-Delivery"] == "guid-1"
    assert delivery.headers["User-Agent"].startswith("GitHub-Hookshot/")
    assert delivery.headers["X-Hub-Signature-256"] == signature(delivery.body, "s3cret")
    assert delivery.payload() == payload


def test_without_a_secret_there_is_no_signature() -> None:
    payload = issue_comment_created(REPO, number=3, comment_id=11, body="x", author=ALICE)
    assert "X-Hub-Signature-256" not in deliver("issue_comment", payload, None).headers


def test_issue_comment_on_a_pull_request() -> None:
    payload = issue_comment_created(
        REPO, number=3, comment_id=11, body="/autofix rerun", author=ALICE, opened_by=BOT
    )
    assert payload["action"] == "created"
    assert payload["issue"]["number"] == 3
    assert (
        payload["issue"]["pull_request"]["url"]
        == "http://127.0.0.1:9/api/v3/repos/acme/shop/pulls/3"
    )
    assert payload["issue"]["user"]["login"] == "autofix[bot]"
    assert (payload["comment"]["id"], payload["comment"]["body"]) == (11, "/autofix rerun")
    assert payload["comment"]["user"]["login"] == payload["sender"]["login"] == "alice"
    assert payload["comment"]["author_association"] == "COLLABORATOR"
    assert payload["repository"]["full_name"] == "acme/shop"
    assert payload["repository"]["owner"]["login"] == "acme"
    assert payload["installation"]["id"] == 77
    assert "Codertocat" not in json.dumps(payload)
    assert _schema_problems("issue-comment-created", payload) == []


def test_issue_comment_on_a_plain_issue_has_no_pull_request() -> None:
    payload = issue_comment_created(
        REPO, number=4, comment_id=12, body="hi", author=ALICE, on_pull=False
    )
    assert "pull_request" not in payload["issue"]
    assert _schema_problems("issue-comment-created", payload) == []


def test_review_comment() -> None:
    payload = review_comment_created(
        REPO, number=3, comment_id=21, body="/autofix rerun", author=ALICE, path="app.py", line=7
    )
    comment = payload["comment"]
    assert (comment["id"], comment["path"], comment["line"]) == (21, "app.py", 7)
    assert comment["pull_request_url"].endswith("/repos/acme/shop/pulls/3")
    assert payload["pull_request"]["number"] == 3
    assert payload["sender"]["login"] == "alice"
    assert _schema_problems("pull-request-review-comment-created", payload) == []


@pytest.mark.parametrize("merge_sha", [None, "a" * 40])
def test_pull_request_closed(merge_sha: str | None) -> None:
    payload = pull_request_closed(
        REPO,
        number=3,
        head_ref="autofix/incident-1",
        base_ref="main",
        closed_by=ALICE,
        merge_commit_sha=merge_sha,
        opened_by=BOT,
    )
    pull = payload["pull_request"]
    assert (payload["action"], payload["number"], pull["state"]) == ("closed", 3, "closed")
    assert pull["merged"] is (merge_sha is not None)
    assert pull["merge_commit_sha"] == merge_sha
    assert (pull["head"]["ref"], pull["base"]["ref"]) == ("autofix/incident-1", "main")
    assert pull["user"]["login"] == "autofix[bot]"
    assert (pull["merged_by"] or {}).get("login") == ("alice" if merge_sha else None)
    assert _schema_problems("pull-request-closed", payload) == []
