"""The stand-in's state: the script in use, the requests seen, the faults to inject.

The same object serves HTTP (through ``build_app``) and the test that owns it, which reads
``requests`` and queues faults directly, without going through the control endpoints.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from standins.llm.chat import ChatRequest
from standins.llm.faults import Fault, Faults
from standins.llm.kinds import RequestKind, classify
from standins.llm.recorder import RecordedRequest, Recorder
from standins.llm.reply import Reply
from standins.llm.script import Script

# Content that is valid JSON yet matches no schema a caller would ask for.
OFF_SCHEMA_TEXT = '{"unexpected": "garbage", "items": 3.5}'


class Admission(BaseModel):
    """How one request is to be answered: the reply, unless ``fault`` says otherwise."""

    model_config = ConfigDict(frozen=True)

    record: RecordedRequest
    reply: Reply
    fault: Fault | None
    completion_id: str
    created: int


class LLMStandin:
    """A scripted OpenAI-compatible model; with ``api_key`` set, other keys get a 401."""

    def __init__(
        self,
        script: Script | None = None,
        *,
        models: Sequence[str] = ("fake-model",),
        api_key: str | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._script = script or Script()
        self.models = tuple(models)
        self.api_key = api_key
        self.recorder = Recorder()
        self.faults = Faults()

    @property
    def script(self) -> Script:
        """The script answering requests now."""
        with self._lock:
            return self._script

    def use_script(self, script: Script) -> None:
        """Answer later requests from ``script``."""
        with self._lock:
            self._script = script

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every chat request so far, oldest first."""
        return self.recorder.all()

    def requests_of(self, kind: RequestKind) -> list[RecordedRequest]:
        """The chat requests from one kind of caller."""
        return self.recorder.of_kind(kind)

    def add_fault(self, fault: Fault) -> None:
        """Misbehave on coming requests; see ``Fault``."""
        self.faults.add(fault)

    def release(self) -> None:
        """Let hanging requests go on."""
        self.faults.release()

    def admit(self, request: ChatRequest, headers: Mapping[str, str]) -> Admission:
        """Record ``request`` and decide its answer."""
        kind = classify(request)
        fault = self.faults.take(kind)
        record = self.recorder.record(request, kind, headers, fault.kind if fault else None)
        reply = self.script.reply(request, kind, call_prefix=f"call_{record.index}")
        if fault is not None and fault.kind == "off_schema":
            reply = Reply(text=OFF_SCHEMA_TEXT)
        return Admission(
            record=record,
            reply=reply,
            fault=fault,
            completion_id=f"chatcmpl-standin-{record.index}",
            created=int(time.time()),
        )
