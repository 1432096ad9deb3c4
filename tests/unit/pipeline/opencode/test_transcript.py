"""Reading a recorded session back into an ``AgentRun``."""

from __future__ import annotations

from pipeline.opencode.transcript import OUTPUT_SUMMARY_CHARS, summarise
from pipeline.opencode.wire import Message, MessageInfo, Part, ToolState
from tests.unit.pipeline.opencode.conftest import RECORDED_DIRECTORY, recorded_messages


def test_recorded_run_is_summarised() -> None:
    messages = recorded_messages()
    run = summarise("ses_1", RECORDED_DIRECTORY, messages, duration_seconds=1.5)
    assert run.final_text.startswith("Bounded the per-session recommendation cache")
    assert run.finish == "stop"
    assert run.error is None
    assert [(c.name, c.status) for c in run.tool_calls] == [
        ("read", "completed"),
        ("edit", "completed"),
        ("bash", "completed"),
    ]
    assert run.tool_calls[1].input["filePath"] == f"{RECORDED_DIRECTORY}/shop/recommendations.py"
    assert run.tool_calls[2].output == "cache bounded at 10000\n"
    assert run.files_changed == [f"{RECORDED_DIRECTORY}/shop/recommendations.py"]
    assert run.tokens_input > 0
    assert run.duration_seconds == 1.5


def test_long_tool_output_is_cut_and_errors_kept() -> None:
    long_output = ToolState(status="completed", output="x" * 9_000)
    failed = ToolState(status="error", error="no match")
    parts = [
        Part(type="tool", tool="bash", callID="c1", state=long_output),
        Part(type="tool", tool="edit", callID="c2", state=failed),
        Part(type="text", text="ignored", synthetic=True),
        Part(type="text", text="Gave up."),
    ]
    messages = [Message(info=MessageInfo(id="m1", role="assistant", finish="stop"), parts=parts)]
    run = summarise("ses_1", "/r", messages, duration_seconds=0)
    assert len(run.tool_calls[0].output) == OUTPUT_SUMMARY_CHARS
    assert run.tool_calls[1].error == "no match"
    assert run.final_text == "Gave up."


def test_no_assistant_reply_yet() -> None:
    user = Message(info=MessageInfo(id="m1", role="user"), parts=[Part(type="text", text="hi")])
    run = summarise("ses_1", "/r", [user], duration_seconds=0)
    assert run.final_text == ""
    assert run.finish is None
    assert run.tool_calls == []
