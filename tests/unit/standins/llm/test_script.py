"""How a script picks its answer: caller kinds, the agent's steps, templates, the analyst."""

from __future__ import annotations

import json
from typing import Any

import pytest

from standins.llm.chat import ChatRequest
from standins.llm.kinds import RequestKind, classify
from standins.llm.script import Script, load_script, session_directory

SYSTEM_WITH_ENV = (
    "You are opencode, an interactive CLI tool.\n<env>\n  Working directory: /srv/clone\n"
    "  Is directory a git repo: yes\n</env>"
)
TOOLS = [{"type": "function", "function": {"name": "edit", "parameters": {}}}]


def chat(*messages: dict[str, Any], tools: list[dict[str, Any]] | None = None) -> ChatRequest:
    return ChatRequest.model_validate({"model": "fake-model", "messages": messages, "tools": tools})


def system(text: str | list[dict[str, str]]) -> dict[str, Any]:
    return {"role": "system", "content": text}


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


def tool_results(count: int) -> list[dict[str, Any]]:
    return [{"role": "tool", "tool_call_id": f"c{i}", "content": "ok"} for i in range(count)]


SCRIPT = Script.model_validate(
    {
        "title": "A title",
        "analyst": [
            {"match": "crash loop", "answer": "restart it"},
            {"answer": {"decision": "fix", "files": ["a.py"]}},
        ],
        "agent": {
            "steps": [
                {"tool_calls": [{"name": "read", "arguments": {"filePath": "${directory}/a.py"}}]},
                {
                    "text": "Editing.",
                    "tool_calls": [
                        {"name": "edit", "arguments": {"filePath": "${directory}/a.py"}},
                        {"name": "bash", "arguments": {"command": "cat ${directory}/a.py"}},
                    ],
                },
            ],
            "final": "All done.",
        },
    }
)


@pytest.mark.parametrize(
    ("text", "tools", "kind"),
    [
        ("You are a title generator. You output ONLY a thread title.", None, RequestKind.TITLE),
        ("You are a title generator.", TOOLS, RequestKind.AGENT),
        ("You are autofix's incident analyst.", None, RequestKind.ANALYST),
        (SYSTEM_WITH_ENV, TOOLS, RequestKind.AGENT),
        (SYSTEM_WITH_ENV, [], RequestKind.ANALYST),
    ],
)
def test_classify(text: str, tools: list[dict[str, Any]] | None, kind: RequestKind) -> None:
    request = chat(system(text), user("hi"), tools=tools)
    assert classify(request) is kind


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        (0, ["read"]),
        (1, ["edit", "bash"]),
        (2, ["edit", "bash"]),
        (3, []),
        (9, []),
    ],
)
def test_agent_steps_advance_with_tool_results(results: int, expected: list[str]) -> None:
    request = chat(
        system(SYSTEM_WITH_ENV),
        user("fix it"),
        *tool_results(results),
        tools=TOOLS,
    )
    reply = SCRIPT.reply(request, RequestKind.AGENT, call_prefix="call_7")
    assert [call.name for call in reply.tool_calls] == expected
    assert reply.finish_reason == ("tool_calls" if expected else "stop")
    if not expected:
        assert reply.text == "All done."


def test_tool_arguments_are_filled_from_the_session_directory() -> None:
    request = chat(system(SYSTEM_WITH_ENV), *tool_results(1), tools=TOOLS)
    reply = SCRIPT.reply(request, RequestKind.AGENT, call_prefix="call_3")
    assert [json.loads(c.arguments) for c in reply.tool_calls] == [
        {"filePath": "/srv/clone/a.py"},
        {"command": "cat /srv/clone/a.py"},
    ]
    assert [c.id for c in reply.tool_calls] == ["call_3_0", "call_3_1"]
    assert reply.text == "Editing."


def test_session_directory_is_none_without_an_env_block() -> None:
    assert session_directory(chat(user("hi"))) is None


def test_system_prompt_as_a_list_of_parts_is_read() -> None:
    parts = [{"type": "text", "text": "intro"}, {"type": "text", "text": SYSTEM_WITH_ENV}]
    assert session_directory(chat(system(parts))) == "/srv/clone"


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [
        ("service is in a crash loop", "restart it"),
        ("memory grows", '{"decision": "fix", "files": ["a.py"]}'),
    ],
)
def test_analyst_answers_by_first_matching_rule(prompt: str, answer: str) -> None:
    request = chat(system("You are the analyst."), user(prompt))
    assert SCRIPT.reply(request, RequestKind.ANALYST, "c").text == answer


def test_analyst_without_rules_answers_empty_json_when_json_is_asked_for() -> None:
    request = ChatRequest.model_validate(
        {
            "model": "m",
            "messages": [{"role": "user", "content": "x"}],
            "response_format": {"type": "json_object"},
        }
    )
    assert Script().reply(request, RequestKind.ANALYST, "c").text == "{}"


def test_title() -> None:
    assert SCRIPT.reply(chat(user("x")), RequestKind.TITLE, "c").text == "A title"


def test_unknown_keys_in_a_script_are_mistakes() -> None:
    with pytest.raises(ValueError, match="extra"):
        Script.model_validate({"agnet": {}})


def test_script_names_cannot_leave_the_scripts_folder() -> None:
    with pytest.raises(ValueError, match="not a script name"):
        load_script("../kinds")


def test_memory_leak_script_edits_its_own_sample_repository() -> None:
    script = load_script("memory-leak")
    edits = [c for step in script.agent.steps for c in step.tool_calls if c.name == "edit"]
    assert len(edits) == 1
    target = str(edits[0].arguments["filePath"]).removeprefix("${directory}/")
    assert str(script.repo[target]).count(str(edits[0].arguments["oldString"])) == 1
    assert "MAX_SESSIONS" in str(edits[0].arguments["newString"])
