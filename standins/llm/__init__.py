"""A scripted, OpenAI-compatible LLM for tests and ``autofix demo``: in-process or on a port."""

from __future__ import annotations

from standins.llm.app import build_app
from standins.llm.faults import Fault
from standins.llm.kinds import RequestKind
from standins.llm.recorder import RecordedRequest
from standins.llm.sample_repo import write_sample_repo
from standins.llm.script import Script, load_script, read_script
from standins.llm.server import LLMStandinServer
from standins.llm.standin import LLMStandin

__all__ = [
    "Fault",
    "LLMStandin",
    "LLMStandinServer",
    "RecordedRequest",
    "RequestKind",
    "Script",
    "build_app",
    "load_script",
    "read_script",
    "write_sample_repo",
]
