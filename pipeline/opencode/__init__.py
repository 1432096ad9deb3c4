"""Driving a headless OpenCode server: supervise it, prompt sessions, read back what they did."""

from __future__ import annotations

from pipeline.opencode.agent_run import run_agent
from pipeline.opencode.client import OpenCodeClient
from pipeline.opencode.endpoint import OpenCodeEndpoint
from pipeline.opencode.errors import (
    AgentDeadlineExceeded,
    AgentFailed,
    OpenCodeProtocolError,
    OpenCodeRejected,
    OpenCodeUnavailable,
)
from pipeline.opencode.launch import Launch, plan_launch
from pipeline.opencode.runtime import opencode_endpoint
from pipeline.opencode.server import OpenCodeServer
from pipeline.opencode.transcript import AgentRun, ToolCall

__all__ = [
    "AgentDeadlineExceeded",
    "AgentFailed",
    "AgentRun",
    "Launch",
    "OpenCodeClient",
    "OpenCodeEndpoint",
    "OpenCodeProtocolError",
    "OpenCodeRejected",
    "OpenCodeServer",
    "OpenCodeUnavailable",
    "ToolCall",
    "opencode_endpoint",
    "plan_launch",
    "run_agent",
]
