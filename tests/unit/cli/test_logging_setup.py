from __future__ import annotations

import json
import logging

import pytest

from cli.logging_setup import JsonFormatter, TextFormatter
from pipeline.log_context import ContextFilter, bind


def record(message: str) -> logging.LogRecord:
    made = logging.LogRecord("pipeline.x", logging.INFO, __file__, 1, message, (), None)
    ContextFilter().filter(made)
    return made


def test_json_lines_carry_every_bound_id() -> None:
    with bind(incident="inc_1", run="inc_1.2"), bind(step="analysis", ignored=None):
        line = JsonFormatter().format(record("analysing"))
    entry = json.loads(line)
    assert entry["msg"] == "analysing"
    assert (entry["incident"], entry["run"], entry["step"]) == ("inc_1", "inc_1.2", "analysis")
    assert "ignored" not in entry


def test_ids_end_with_their_block() -> None:
    with bind(incident="inc_1"):
        pass
    assert "incident" not in json.loads(JsonFormatter().format(record("after")))


@pytest.mark.parametrize(
    ("ids", "shown"), [({}, "pipeline.x hello"), ({"step": "push"}, "[step=push] hello")]
)
def test_text_lines(ids: dict[str, str], shown: str) -> None:
    with bind(**ids):
        assert TextFormatter().format(record("hello")).endswith(shown)
