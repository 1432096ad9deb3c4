"""A benchmark's Railway stand-in, alone in its own process, optionally replaying its answers.

``RailwayStandin`` serves from a thread of the calling process, where the stand-in's own
GraphQL work (seconds of CPU for a ten-service context: it simulates the traffic behind every
HTTP log line) holds the benchmark's interpreter lock and stalls the client being measured.
Here the same app (``create_app``, steered through ``/_control``: faults, request log) runs
under uvicorn configured as ``RailwayStandin`` configures it, in a process of its own.

``--replay`` puts a cache in front of it: a GraphQL request seen before is answered with the
stored answer, after the armed latency fault and with the request logged, as the app would.
That makes the stand-in what Railway is to a client, a server whose answers arrive after its
latency, instead of a single thread computing them one at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.types import Message, Receive, Scope, Send

from standins.railway.app import GRAPHQL_PATH, create_app
from standins.railway.catalog import world_for
from standins.railway.large_project import large_project
from standins.railway.state import RecordedRequest, StandinState


class Replay:
    """ASGI middleware: computes each distinct GraphQL request once, then replays its answer."""

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.state: StandinState = app.state.railway
        self.answers: dict[bytes, list[Message]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != GRAPHQL_PATH:
            await self.app(scope, receive, send)
            return
        body = await _body(receive)
        stored = self.answers.get(body)
        if stored is None:
            await self._compute(scope, body, send)
            return
        request = json.loads(body)
        operation = request.get("operationName")
        fault = self.state.faults.take(operation)
        if fault is not None and fault.kind == "latency":
            await asyncio.sleep(fault.seconds or 0.0)
        self.state.requests.append(
            RecordedRequest(
                operation=operation,
                variables=request.get("variables") or {},
                auth="account",
                status=int(stored[0]["status"]),
                errors=[],
            )
        )
        for message in stored:
            await send(message)

    async def _compute(self, scope: Scope, body: bytes, send: Send) -> None:
        sent: list[Message] = []

        async def once() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def keep(message: Message) -> None:
            sent.append(message)
            await send(message)

        await self.app(scope, once, keep)
        if sent and sent[0].get("status") == 200:
            self.answers[body] = sent


async def _body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def main() -> int:
    """Serve until terminated."""
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--services", type=int, required=True)
    cli.add_argument("--base", default="healthy_cpu_spikes", help="scenario to copy the service of")
    cli.add_argument("--anchor", type=float, required=True, help="the world's anchor (epoch s)")
    cli.add_argument("--port", type=int, required=True)
    cli.add_argument("--replay", action="store_true")
    args = cli.parse_args()
    world = world_for(large_project(args.services, base=args.base), anchor=args.anchor)
    app = create_app(world)
    served = Replay(app) if args.replay else app
    uvicorn.run(
        served,
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        lifespan="off",
        access_log=False,
        timeout_graceful_shutdown=1,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
