"""One agent run: create a session, prompt it, follow its events until idle, read it back.

OpenCode retries a failing LLM forever and never times a session out itself, so the
deadline is ours: past it the session is aborted and ``AgentDeadlineExceeded`` raised.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import aclosing
from pathlib import Path

from pipeline.errors import AutofixError, Cancelled
from pipeline.opencode.client import OpenCodeClient
from pipeline.opencode.errors import AgentDeadlineExceeded, AgentFailed
from pipeline.opencode.transcript import AgentRun, summarise
from pipeline.opencode.wire import Message, MessageError, Session

log = logging.getLogger(__name__)

# A title spares OpenCode the extra LLM call it makes to name an untitled session.
DEFAULT_TITLE = "autofix"
ABORT_SECONDS = 10.0
SETTLE_ATTEMPTS = 10
SETTLE_SECONDS = 0.2


async def run_agent(
    client: OpenCodeClient,
    directory: Path | str,
    prompt: str,
    *,
    deadline_seconds: float,
    title: str = DEFAULT_TITLE,
    system: str | None = None,
) -> AgentRun:
    """Run ``prompt`` in a new session on ``directory`` and return what the agent did."""
    started = time.monotonic()
    session = await client.create_session(directory, title=title)
    log.info("agent session %s started in %s", session.id, session.directory)
    try:
        async with asyncio.timeout(deadline_seconds):
            reported = await _prompt_until_idle(client, session, prompt, system)
    except TimeoutError as exc:
        await _abort_quietly(client, session)
        raise AgentDeadlineExceeded(
            f"agent session {session.id} ran past its {deadline_seconds:g} s deadline "
            "and was aborted",
            session_id=session.id,
        ) from exc
    except asyncio.CancelledError:
        await asyncio.shield(_abort_quietly(client, session))
        raise
    messages = await _settled_messages(client, session)
    run = summarise(session.id, session.directory, messages, time.monotonic() - started)
    _raise_on_error(run.error or reported, session)
    log.info(
        "agent session %s finished in %.1f s with %d tool calls",
        session.id,
        run.duration_seconds,
        len(run.tool_calls),
    )
    return run


async def _prompt_until_idle(
    client: OpenCodeClient, session: Session, prompt: str, system: str | None
) -> MessageError | None:
    """Prompt, wait for idle, and return the error a ``session.error`` event reported."""
    prompted, reported = False, None
    async with aclosing(client.events(session.directory)) as events:
        async for event in events:
            if event.type == "server.connected":
                # Prompting only once the stream is open means the end cannot be missed;
                # after a reconnect, the status says whether it was.
                if not prompted:
                    await client.prompt_async(session, prompt, system=system)
                    prompted = True
                elif (await client.status(session)).type == "idle":
                    return reported
            elif prompted and event.ends(session.id):
                return reported
            reported = event.error_of(session.id) or reported
    return reported


async def _settled_messages(client: OpenCodeClient, session: Session) -> list[Message]:
    """The transcript once its last message has ended.

    OpenCode 1.18.33 can announce idle before it stores how the last message ended (seen
    with an LLM error), so an unsettled last message is read again, briefly.
    """
    for _ in range(SETTLE_ATTEMPTS):
        messages = await client.messages(session)
        last = messages[-1].info if messages else None
        if last is None or last.role == "user" or last.settled:
            return messages
        await asyncio.sleep(SETTLE_SECONDS)
    return messages


async def _abort_quietly(client: OpenCodeClient, session: Session) -> None:
    try:
        async with asyncio.timeout(ABORT_SECONDS):
            await client.abort(session)
    except (AutofixError, TimeoutError) as exc:
        # The deadline or cancellation being reported matters more than this.
        log.warning("could not abort agent session %s: %r", session.id, exc)


def _raise_on_error(error: MessageError | None, session: Session) -> None:
    if error is None:
        return
    if error.name == "MessageAbortedError":
        raise Cancelled(f"agent session {session.id} was aborted")
    raise AgentFailed(
        f"agent session {session.id} failed: {error.name}: {error.message}",
        error_name=error.name,
        session_id=session.id,
    )
