"""Running git for the service, with credentials only in that one git process's environment.

The token never lands in ``.git/config``, a URL or an argument list: git asks a credential
helper, and the helper echoes two environment variables set only for the git process. Hooks
are switched off for every command, so nothing the agent wrote into the workspace (a
``.git/hooks/pre-push``, say) runs while the token is in the environment.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline.errors import PermanentError, RetryableError
from pipeline.github.models import GitCredentials

_HELPER = (
    '!f() { echo "username=$AUTOFIX_GIT_USERNAME"; echo "password=$AUTOFIX_GIT_PASSWORD"; }; f'
)
# Output of git that means "try again later" rather than "this will never work".
_TRANSIENT = ("could not resolve host", "connection", "timed out", "early eof", "503", "502", "500")


class GitError(PermanentError):
    """A git command failed for a reason that will not go away by itself."""


def _base_env() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SSL_CERT_FILE", "SSL_CERT_DIR")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_CONFIG_NOSYSTEM="1", GIT_ASKPASS="/bin/false")
    return env


async def git(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    credentials: GitCredentials | None = None,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    limit_seconds: float = 300.0,
) -> str:
    """Run ``git args``; its stdout, or an error (retryable when it looks transient)."""
    command = ["git", "-c", "core.hooksPath=/dev/null", "-c", "credential.helper="]
    full_env = _base_env() | dict(env or {})
    if credentials is not None:
        command += ["-c", f"credential.helper={_HELPER}"]
        full_env["AUTOFIX_GIT_USERNAME"] = credentials.username
        full_env["AUTOFIX_GIT_PASSWORD"] = credentials.token.get_secret_value()
    process = await asyncio.create_subprocess_exec(
        *command,
        *args,
        cwd=cwd,
        env=full_env,
        stdin=asyncio.subprocess.PIPE if stdin is not None else asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(limit_seconds):
            out, err = await process.communicate(stdin.encode() if stdin is not None else None)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise RetryableError(f"git {args[0]} timed out after {limit_seconds:.0f}s") from None
    if process.returncode != 0:
        message = err.decode(errors="replace").strip()[-1500:]
        text = f"git {args[0]} failed ({process.returncode}): {message}"
        if any(word in message.lower() for word in _TRANSIENT):
            raise RetryableError(text)
        raise GitError(text)
    return out.decode(errors="replace")
