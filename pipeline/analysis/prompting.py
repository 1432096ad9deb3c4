"""Rendering the analyst's prompts from the template files beside this module."""

from __future__ import annotations

import json
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from pipeline.analysis.models import analysis_schema
from pipeline.incidents.model import Incident
from pipeline.llm.client import Message


@cache
def environment() -> Environment:
    """The prompt templates; undefined names are errors, nothing is HTML-escaped."""
    return Environment(
        loader=PackageLoader("pipeline.analysis", "prompts"),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
    )


def analyst_messages(
    incident: Incident, context: str, *, repo: str | None, hint: str | None
) -> list[Message]:
    """The system and user messages of the analysis call."""
    env = environment()
    schema = json.dumps(analysis_schema(), separators=(",", ":"))
    return [
        {"role": "system", "content": env.get_template("system.jinja2").render(schema=schema)},
        {
            "role": "user",
            "content": env.get_template("user.jinja2").render(
                incident=incident, context=context, repo=repo, hint=hint
            ),
        },
    ]


def repair_message(problems: str) -> Message:
    """The follow-up asking for a valid answer."""
    return {
        "role": "user",
        "content": environment().get_template("repair.jinja2").render(problems=problems),
    }
