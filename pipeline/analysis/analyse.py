"""The analysis step: one LLM call for a structured answer, one repair if it is invalid."""

from __future__ import annotations

import json
import logging

from pydantic import BaseModel, ValidationError

from pipeline.analysis.models import Analysis, analysis_schema
from pipeline.analysis.prompting import analyst_messages, repair_message
from pipeline.errors import PermanentError
from pipeline.incidents.model import Incident
from pipeline.llm.budget import TokenBudget
from pipeline.llm.client import LLMClient, Message, Usage

logger = logging.getLogger(__name__)


class InvalidAnalysis(PermanentError):
    """The model's answer stayed unusable after the repair attempt; ``raw`` is what it said."""

    def __init__(self, message: str, raw: str) -> None:
        super().__init__(message)
        self.raw = raw


class AnalysisOutcome(BaseModel):
    """The analysis, the calls it took and their token usage."""

    analysis: Analysis
    calls: list[Usage]
    model: str


async def analyse(
    llm: LLMClient,
    budget: TokenBudget,
    incident: Incident,
    context: str,
    *,
    repo: str | None = None,
    hint: str | None = None,
) -> AnalysisOutcome:
    """Ask for the analysis; repair once; raise :class:`InvalidAnalysis` if it stays unusable."""
    messages = analyst_messages(incident, context, repo=repo, hint=hint)
    calls: list[Usage] = []
    text = await _call(llm, budget, messages, calls)
    try:
        return AnalysisOutcome(analysis=parse(text), calls=calls, model=llm.model)
    except ValueError as first:
        logger.warning("analysis invalid, asking once more: %s", first)
        messages += [{"role": "assistant", "content": text}, repair_message(str(first))]
        repaired = await _call(llm, budget, messages, calls)
        try:
            return AnalysisOutcome(analysis=parse(repaired), calls=calls, model=llm.model)
        except ValueError as second:
            raise InvalidAnalysis(
                f"the analyst's answer is unusable after one repair: {second}", repaired
            ) from None


async def _call(
    llm: LLMClient, budget: TokenBudget, messages: list[Message], calls: list[Usage]
) -> str:
    await budget.check()
    completion = await llm.complete(messages, json_schema=analysis_schema(), schema_name="analysis")
    calls.append(completion.usage)
    await budget.spend(completion.usage)
    return completion.text


def parse(text: str) -> Analysis:
    """The analysis in ``text`` (a JSON object, possibly inside a Markdown fence)."""
    body = _json_object(text)
    try:
        return Analysis.model_validate(json.loads(body))
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'answer'}: {e['msg']}" for e in exc.errors()
        )
        raise ValueError(problems) from None


def _json_object(text: str) -> str:
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end <= start:
        raise ValueError("no JSON object in the answer")
    return text[start : end + 1]
