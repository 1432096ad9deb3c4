"""A scenario's script: how the stand-in answers the title generator, the analyst and the agent.

Scripts are data (``scripts/<name>.json``). The agent's turn is chosen by how many tool results
the conversation already holds, so OpenCode's loop walks the steps in order and then gets the
final text. Strings in tool arguments may use ``${directory}``: the session directory OpenCode
states in its system prompt, so a script can name absolute paths inside a scratch clone.
Analyst answers may use ``${name}`` for the sha of a ``history`` commit of that name, which
exists only once the repository is built (``Script.with_commits``).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from string import Template

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from standins.llm.chat import ChatRequest
from standins.llm.kinds import RequestKind
from standins.llm.reply import Reply, ToolCall

# OpenCode's system prompt carries an <env> block with this line (checked against 1.18.33).
_DIRECTORY_LINE = re.compile(r"^\s*Working directory:\s*(?P<path>.+?)\s*$", re.MULTILINE)

_SCRIPT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


class Spec(BaseModel):
    """Base of the script file's parts: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ScriptedCall(Spec):
    """One tool call; string arguments may hold ``${directory}``."""

    name: str
    arguments: dict[str, JsonValue] = Field(default_factory=dict)


class AgentStep(Spec):
    """One assistant turn that calls tools, with optional text before the calls."""

    text: str = ""
    tool_calls: list[ScriptedCall] = Field(min_length=1)


class AgentScript(Spec):
    """The agent's turns in order, then its closing message; ``match`` picks a variant."""

    match: str | None = None
    steps: list[AgentStep] = Field(default_factory=list)
    final: str = "Done."


class AnalystAnswer(Spec):
    """An analyst reply, used when ``match`` (if any) occurs in the prompt; strings go verbatim."""

    match: str | None = None
    answer: JsonValue


class RepoCommit(Spec):
    """A commit on top of the sample repository; ``name`` lets analyst answers cite its sha."""

    name: str | None = None
    message: str
    files: dict[str, str] = Field(min_length=1)


class Script(Spec):
    """Everything the stand-in says in one scenario, and the repository the scenario starts from."""

    name: str = "default"
    description: str = ""
    repo: dict[str, str] = Field(default_factory=dict)
    # Commits made over ``repo`` in order, so a deploy can point at one (a rollback reverts it).
    history: list[RepoCommit] = Field(default_factory=list)
    title: str = "Scripted session"
    analyst: list[AnalystAnswer] = Field(default_factory=list)
    agent: AgentScript = Field(default_factory=AgentScript)
    # Other sessions (a rerun with a reviewer's hint, say): the first whose ``match`` occurs in
    # the conversation plays instead of ``agent``.
    agent_variants: list[AgentScript] = Field(default_factory=list)

    def with_commits(self, shas: dict[str, str]) -> Script:
        """This script with ``${name}`` in analyst answers replaced by ``shas[name]``."""
        if not shas:
            return self
        analyst = [
            rule.model_copy(update={"answer": _fill(rule.answer, shas)}) for rule in self.analyst
        ]
        return self.model_copy(update={"analyst": analyst})

    def reply(self, request: ChatRequest, kind: RequestKind, call_prefix: str) -> Reply:
        """The scripted answer to ``request``; tool call ids start with ``call_prefix``."""
        if kind is RequestKind.TITLE:
            return Reply(text=self.title)
        if kind is RequestKind.ANALYST:
            return Reply(text=self._analyst_text(request))
        return self._agent_reply(request, call_prefix)

    def _analyst_text(self, request: ChatRequest) -> str:
        prompt = request.texts("system", "developer", "user")
        for rule in self.analyst:
            if rule.match is None or rule.match in prompt:
                return rule.answer if isinstance(rule.answer, str) else json.dumps(rule.answer)
        return "{}" if request.wants_json else "No scripted analyst answer."

    def _agent_reply(self, request: ChatRequest, call_prefix: str) -> Reply:
        script = self._agent_for(request)
        step = _step_after(script, request.tool_result_count())
        if step is None:
            return Reply(text=script.final)
        values = {"directory": session_directory(request) or "."}
        calls = tuple(
            ToolCall(
                id=f"{call_prefix}_{i}",
                name=call.name,
                arguments=json.dumps(_fill(call.arguments, values)),
            )
            for i, call in enumerate(step.tool_calls)
        )
        return Reply(text=step.text, tool_calls=calls)

    def _agent_for(self, request: ChatRequest) -> AgentScript:
        conversation = request.texts("system", "developer", "user")
        for variant in self.agent_variants:
            if variant.match and variant.match in conversation:
                return variant
        return self.agent


def _step_after(script: AgentScript, results: int) -> AgentStep | None:
    answered = 0
    for step in script.steps:
        answered += len(step.tool_calls)
        if answered > results:
            return step
    return None


def session_directory(request: ChatRequest) -> str | None:
    """The working directory OpenCode names in its system prompt, if any."""
    found = _DIRECTORY_LINE.search(request.texts("system"))
    return found.group("path") if found else None


def load_script(name: str) -> Script:
    """A script shipped in ``standins/llm/scripts/<name>.json``."""
    if not _SCRIPT_NAME.fullmatch(name):
        raise ValueError(f"not a script name: {name!r}")
    text = resources.files("standins.llm").joinpath("scripts", f"{name}.json").read_text()
    return Script.model_validate_json(text)


def read_script(path: Path) -> Script:
    """A script from any JSON file."""
    return Script.model_validate_json(path.read_text())


def _fill(value: JsonValue, values: dict[str, str]) -> JsonValue:
    if isinstance(value, str):
        return Template(value).safe_substitute(values)
    if isinstance(value, list):
        return [_fill(item, values) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, values) for key, item in value.items()}
    return value
