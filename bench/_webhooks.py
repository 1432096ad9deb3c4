"""The receiver benchmark's two workloads, each request distinct so the receiver really enqueues it.

Request ``i`` of a run is ``head + part(i) + tail``: a Railway alert carries its own timestamp
(its de-duplication key hashes the event's fields); a GitHub comment carries its own text, its
own ``X-GitHub-Delivery`` and so its own signature (de-duplication by delivery id or by a
digest of the signed body both see a new delivery). Both forms exist twice: raw HTTP/1.1 bytes
for the open-loop client and a Lua script for wrk (``_hmac.lua`` signs there). ``run``, random
per run, keeps repetitions against the same Redis from colliding.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from standins.github.webhooks import Person, RepoRef, deliver, issue_comment_created
from standins.railway.catalog import world_for

# 2026-01-01T00:00:00Z: alert i of a run is stamped i seconds later (µs: the wrk thread).
_EPOCH = 1_767_225_600
_MARK = "@@PART@@"
_HMAC_LUA = Path(__file__).with_name("_hmac.lua")


@dataclass(frozen=True)
class Workload:
    """One kind of webhook: its path, fixed headers, and the body around each request's part."""

    name: str
    path: str
    headers: dict[str, str]
    head: bytes
    tail: bytes
    run: str
    secret: str | None = None

    def part(self, i: int, thread: int = 0) -> str:
        """What makes request ``i`` of load-generator thread ``thread`` unique."""
        if self.secret is None:
            moment = datetime.fromtimestamp(_EPOCH + i, UTC).strftime("%Y-%m-%dT%H:%M:%S")
            return f"{moment}.{thread:06d}Z"
        return f"{self.run}-{thread}-{i}"

    def raw(self, i: int, host: str) -> bytes:
        """Request ``i`` as HTTP/1.1 bytes (keep-alive)."""
        part = self.part(i)
        body = self.head + part.encode() + self.tail
        headers = {"Host": host, "Content-Length": str(len(body)), **self.headers}
        if self.secret is not None:
            digest = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
            headers["X-Hub-Signature-256"] = f"sha256={digest}"
            headers["X-GitHub-Delivery"] = part
        head = f"POST {self.path} HTTP/1.1\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        return (head + "\r\n").encode() + body

    def lua(self) -> str:
        """A wrk script sending the same kind of requests, one counter per wrk thread."""
        fixed = ", ".join(f"[ {_lua(k)} ] = {_lua(v)}" for k, v in self.headers.items())
        if self.secret is None:
            part = 'os.date("!%Y-%m-%dT%H:%M:%S", EPOCH + counter) .. string.format(".%06dZ", tid)'
            sign = ""
        else:
            part = 'RUN .. "-" .. tid .. "-" .. counter'
            sign = (
                'h["X-Hub-Signature-256"] = "sha256=" .. hmac_tail(PREFIXED, part .. TAIL)\n'
                '  h["X-GitHub-Delivery"] = part\n'
            )
        return _LUA.format(
            hmac=_HMAC_LUA.read_text() if self.secret is not None else "",
            run=_lua(self.run),
            path=_lua(self.path),
            epoch=_EPOCH,
            head=_lua(self.head.decode()),
            tail=_lua(self.tail.decode()),
            prefixed=f"hmac_prefix({_lua(self.secret)}, HEAD)" if self.secret else "nil",
            part=part,
            fixed=fixed,
            sign=sign,
        )


_LUA = """\
{hmac}
RUN = {run}
PATH = {path}
EPOCH = {epoch}
HEAD = {head}
TAIL = {tail}
PREFIXED = {prefixed}
counter = 0
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function request()
  counter = counter + 1
  local part = {part}
  local h = {{{fixed}}}
  {sign}  return wrk.format("POST", PATH, h, HEAD .. part .. TAIL)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def _lua(text: str) -> str:
    # Long brackets take the text verbatim; the level only has to differ from anything inside.
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def github_comments(secret: str, run: str) -> Workload:
    """Signed ``issue_comment`` deliveries on a pull request with an ``/autofix status`` line."""
    if len(secret.encode()) > 64:
        raise ValueError("_hmac.lua takes keys of up to 64 bytes")
    text = "/autofix status\nasking again, check " + _MARK
    payload = issue_comment_created(
        RepoRef(full_name="acme/shop-api"),
        number=7,
        comment_id=4242,
        body=text,
        author=Person(login="dana", association="COLLABORATOR"),
    )
    # The comment's text last, so a request's own part sits near the end of the signed body
    # and wrk hashes only a few blocks per request. Key order means nothing to a JSON reader.
    comment = {k: v for k, v in payload.pop("comment").items() if k != "body"}
    payload["comment"] = {**comment, "body": text}
    sent = deliver("issue_comment", payload, secret, delivery_id="unused")
    headers = {
        k: v
        for k, v in sent.headers.items()
        if k not in ("X-GitHub-Delivery", "X-Hub-Signature-256")
    }
    head, _, tail = sent.body.decode().partition(_MARK)
    return Workload(
        "github", "/webhooks/github", headers, head.encode(), tail.encode(), run, secret=secret
    )


def railway_alerts(token: str, run: str) -> Workload:
    """``Deployment.crashed`` alerts (the crash_loop scenario's), each with its own timestamp."""
    payload = world_for("crash_loop").alert_payload()
    payload["timestamp"] = _MARK
    # The deployment id carries the run, so a repetition never repeats an earlier alert.
    payload["resource"]["deployment"] = {"id": f"bench-{run}"}
    body = json.dumps(payload, separators=(",", ":"))
    head, _, tail = body.partition(_MARK)
    headers = {"Content-Type": "application/json", "User-Agent": "Railway-Webhook/bench"}
    return Workload(
        "railway", f"/webhooks/railway/{token}", headers, head.encode(), tail.encode(), run
    )
