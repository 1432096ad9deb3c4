"""The check every stand-in test relies on does reject answers GitHub would not give."""

from __future__ import annotations

import copy
import json

from standins.github.records import ExchangeRecord
from tests.integration.standins.github.openapi_check import SPEC_FILE, all_problems, problems

REACTION = json.loads(SPEC_FILE.read_text())["components"]["examples"]["reaction"]["value"]


def _reaction_answer(body: object, status: int = 201) -> ExchangeRecord:
    path = "/repos/o/r/issues/comments/1/reactions"
    return ExchangeRecord(
        method="POST", path=path, query="", status=status, caller=None, response_json=body
    )


def test_a_documented_answer_passes() -> None:
    assert problems(_reaction_answer(REACTION)) == []


def test_a_missing_required_field_is_caught() -> None:
    broken = copy.deepcopy(REACTION)
    del broken["node_id"]
    assert any("'node_id' is a required property" in p for p in problems(_reaction_answer(broken)))


def test_an_undocumented_status_or_path_is_caught() -> None:
    assert problems(_reaction_answer(REACTION, status=202))
    unknown = ExchangeRecord(method="GET", path="/nowhere", query="", status=200, caller=None)
    assert problems(unknown)


def test_injected_faults_are_not_checked() -> None:
    fault = _reaction_answer({"message": "Server Error"}, status=502)
    assert all_problems([fault.model_copy(update={"injected": True})]) == []
    assert all_problems([fault]) != []
