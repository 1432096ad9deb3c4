"""Git's smart HTTP protocol, served by ``git http-backend`` run as a CGI program.

Clients authenticate like on GitHub: HTTP Basic with any user name (``x-access-token``) and a
token as the password; an unauthenticated request gets the 401 challenge git answers with
credentials.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import os

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from standins.github.records import TokenRecord, now
from standins.github.world import World

_CHALLENGE = {"WWW-Authenticate": 'Basic realm="GitHub"'}


async def serve_git(request: Request) -> Response:
    """Answer one smart-HTTP request for ``/{owner}/{name}.git/...``."""
    world: World = request.app.state.world
    caller = _caller(world, request.headers.get("authorization", ""))
    if caller is None:
        return PlainTextResponse("Authentication required", status_code=401, headers=_CHALLENGE)
    rest = request.path_params["rest"]
    pushing = "git-receive-pack" in (rest, request.query_params.get("service"))
    with world.lock:
        repo = world.repos.get(
            f"{request.path_params['owner']}/{request.path_params['name']}".lower()
        )
        if repo is None or not world.visible(repo, caller):
            return PlainTextResponse("Repository not found.", status_code=404)
        if pushing and not world.can(repo, caller.login, "write"):
            return PlainTextResponse("Permission denied", status_code=403)
        git_dir = world.git.path(repo.full_name)
    response = await _run_backend(request, git_dir.parent, f"/{git_dir.name}/{rest}", caller.login)
    if pushing and request.method == "POST":
        with world.lock:
            repo.pushed_at = now()
    return response


async def _run_backend(
    request: Request, root: os.PathLike[str], path_info: str, user: str
) -> Response:
    body = await request.body()
    env = {
        **os.environ,
        "GIT_PROJECT_ROOT": os.fspath(root),
        "GIT_HTTP_EXPORT_ALL": "1",
        "PATH_INFO": path_info,
        "REQUEST_METHOD": request.method,
        "QUERY_STRING": request.url.query,
        "CONTENT_TYPE": request.headers.get("content-type", ""),
        "CONTENT_LENGTH": str(len(body)),
        "REMOTE_USER": user,
        "REMOTE_ADDR": request.client.host if request.client else "127.0.0.1",
        "HTTP_CONTENT_ENCODING": request.headers.get("content-encoding", ""),
        "GIT_PROTOCOL": request.headers.get("git-protocol", ""),
    }
    process = await asyncio.create_subprocess_exec(
        "git",
        "http-backend",
        stdin=asyncio.subprocess.PIPE if body else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err, _ = await asyncio.gather(
        process.stdout.read(),  # type: ignore[union-attr]
        process.stderr.read(),  # type: ignore[union-attr]
        _feed(process, body),
    )
    await process.wait()
    if process.returncode != 0 and not out:
        return PlainTextResponse(err.decode(errors="replace"), status_code=500)
    return _cgi_response(out)


async def _feed(process: asyncio.subprocess.Process, body: bytes) -> bytes:
    """Write the request body; a backend that stops reading early has already answered."""
    if process.stdin is None:
        return b""
    try:
        process.stdin.write(body)
        await process.stdin.drain()
        process.stdin.close()
    # uvloop reports a pipe closed under it as RuntimeError, the standard loop as the others.
    except (BrokenPipeError, ConnectionResetError, RuntimeError):
        pass
    return b""


def _cgi_response(out: bytes) -> Response:
    # CGI output: header lines, a blank line, the body; git ends its header lines with \r\n.
    head, separator, body = out.partition(b"\r\n\r\n")
    if not separator:
        head, _, body = out.partition(b"\n\n")
    status = 200
    headers: dict[str, str] = {}
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        elif name:
            headers[name.strip()] = value.strip()
    return Response(body, status_code=status, headers=headers)


def _caller(world: World, header: str) -> TokenRecord | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        _user, _, password = base64.b64decode(encoded.strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    with world.lock:
        return world.accounts.identify(password)


ROUTES = [Route("/{owner}/{name}.git/{rest:path}", serve_git, methods=["GET", "POST"])]
