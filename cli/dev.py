"""``autofix dev`` and ``autofix run``: the receiver and a worker in one process tree.

The parent owns Redis (embedded unless ``REDIS_URL`` is set) and runs ``serve`` and
``worker`` as child processes. Ctrl-C reaches the children (same process group); the parent
waits for them, then stops Redis last. ``dev`` adds laptop conveniences: webhook secrets
generated once and kept under the data dir, and a banner with the URLs to use.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli.redis_setup import resolve_redis
from config.settings import Settings

_GRACE_SECONDS = 15
_OWN_SIGNAL_SECONDS = 3


def dev(settings: Settings, host: str | None, port: int | None, *, laptop: bool = True) -> int:
    """Run everything until Ctrl-C; exit non-zero if a child dies on its own."""
    settings, embedded = resolve_redis(settings)
    env = {**os.environ, "REDIS_URL": settings.redis_url or ""}
    if laptop:
        env.update(_dev_secrets(settings))
    bind = ["--host", host or settings.host, "--port", str(port or settings.port)]
    children = {
        "serve": subprocess.Popen([sys.executable, "-m", "cli.main", "serve", *bind], env=env),
        "worker": subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env),
    }
    if laptop:
        secrets_file = settings.data_dir / "dev-secrets.json"
        _banner(host or settings.host, port or settings.port, env, secrets_file)
    code = 0
    interrupted = False
    try:
        code = _wait_any(children)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        _stop(children, interrupted)
        if embedded is not None:
            embedded.stop()
    return code


def _dev_secrets(settings: Settings) -> dict[str, str]:
    """Webhook secrets for a laptop run: the configured ones, or generated once and kept."""
    path = settings.data_dir / "dev-secrets.json"
    stored: dict[str, str] = json.loads(path.read_text()) if path.is_file() else {}
    out: dict[str, str] = {}
    for name, configured in (
        ("RAILWAY_WEBHOOK_TOKEN", settings.railway_webhook_token),
        ("GITHUB_WEBHOOK_SECRET", settings.github_webhook_secret),
    ):
        if configured is None:
            out[name] = stored.setdefault(name, secrets.token_urlsafe(24))
    if out:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
    return out


def _banner(host: str, port: int, env: dict[str, str], secrets_file: Path) -> None:
    base = f"http://{host}:{port}"
    print(
        "\nautofix dev is starting (Ctrl-C stops everything)\n"
        f"  health:          {base}/healthz   ready: {base}/readyz\n"
        f"  Railway webhook: {base}/webhooks/railway/{env['RAILWAY_WEBHOOK_TOKEN']}\n"
        f"  GitHub webhook:  {base}/webhooks/github\n"
        f"                   (secret: GITHUB_WEBHOOK_SECRET, or {secrets_file})\n"
        f"  Redis:           {env['REDIS_URL']}\n",
        file=sys.stderr,
        flush=True,
    )


def _wait_any(children: dict[str, subprocess.Popen[bytes]]) -> int:
    while True:
        for name, child in children.items():
            code = child.poll()
            if code is not None:
                print(f"autofix dev: {name} exited with code {code}; stopping", file=sys.stderr)
                return code or 1
        time.sleep(0.2)


def _stop(children: dict[str, subprocess.Popen[bytes]], interrupted: bool) -> None:
    # After Ctrl-C the children got the same SIGINT from the terminal; a second one would make
    # them skip their graceful shutdown, so give them a moment before signalling again.
    if interrupted:
        _wait_all(children, _OWN_SIGNAL_SECONDS)
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    if not _wait_all(children, _GRACE_SECONDS):
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.wait()


def _wait_all(children: dict[str, subprocess.Popen[bytes]], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    for child in children.values():
        try:
            child.wait(max(0.01, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return False
    return True
