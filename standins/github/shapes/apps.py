"""The GitHub App, its installations and tokens; git references; the rate limit."""

from __future__ import annotations

import time
import zlib
from typing import Any

from standins.github.records import InstallationRecord, TokenRecord
from standins.github.shapes._format import node_id, stamp
from standins.github.shapes.users import simple_user
from standins.github.urls import Urls
from standins.github.world import World

APP_PERMISSIONS = {
    "contents": "write",
    "issues": "write",
    "metadata": "read",
    "pull_requests": "write",
}
APP_EVENTS = ["issue_comment", "pull_request", "pull_request_review_comment"]
RATE_LIMIT = 5000


def integration(urls: Urls, world: World) -> dict[str, Any]:
    """``integration``: the App itself, as ``GET /app`` shows it."""
    app_id = world.accounts.app_id or 0
    slug = world.accounts.app_slug
    owner = world.accounts.add_user(f"{slug}-owner")
    created = stamp(owner.created_at)
    return {
        "id": app_id,
        "slug": slug,
        "node_id": node_id("App", app_id),
        "client_id": f"Iv1.{app_id:016x}",
        "owner": simple_user(urls, owner),
        "name": slug,
        "description": "GitHub App of the stand-in",
        "external_url": urls.html(""),
        "html_url": urls.html(f"apps/{slug}"),
        "created_at": created,
        "updated_at": created,
        "permissions": APP_PERMISSIONS,
        "events": APP_EVENTS,
        "installations_count": len(world.accounts.installations),
    }


def installation(urls: Urls, world: World, record: InstallationRecord) -> dict[str, Any]:
    """``installation``."""
    account = world.accounts.add_user(record.account)
    return {
        "id": record.id,
        "account": simple_user(urls, account),
        "repository_selection": "selected",
        "access_tokens_url": f"{urls.api}/app/installations/{record.id}/access_tokens",
        "repositories_url": f"{urls.api}/installation/repositories",
        "html_url": urls.html(f"settings/installations/{record.id}"),
        "app_id": world.accounts.app_id or 0,
        "app_slug": world.accounts.app_slug,
        "target_id": account.id,
        "target_type": account.type,
        "permissions": APP_PERMISSIONS,
        "events": APP_EVENTS,
        "created_at": stamp(record.created_at),
        "updated_at": stamp(record.created_at),
        "single_file_name": None,
        "suspended_by": None,
        "suspended_at": None,
    }


def installation_token(token: TokenRecord) -> dict[str, Any]:
    """``installation-token``."""
    return {
        "token": token.token,
        "expires_at": stamp(token.expires_at),
        "permissions": APP_PERMISSIONS,
        "repository_selection": "selected",
    }


def git_ref(urls: Urls, full_name: str, ref: str, sha: str) -> dict[str, Any]:
    """``git-ref`` for a fully qualified ``ref``."""
    api = urls.repo(full_name)
    return {
        "ref": ref,
        "node_id": node_id("Ref", zlib.crc32(f"{full_name}:{ref}".encode())),
        "url": f"{api}/git/{ref}",
        "object": {"type": "commit", "sha": sha, "url": f"{api}/git/commits/{sha}"},
    }


def rate_limit_window(used: int = 0) -> dict[str, int]:
    """``rate-limit``: one window that resets within the hour."""
    reset = int(time.time()) // 3600 * 3600 + 3600
    return {"limit": RATE_LIMIT, "remaining": RATE_LIMIT - used, "reset": reset, "used": used}


def rate_limit_overview() -> dict[str, Any]:
    """``rate-limit-overview``; the stand-in never runs out unless a fault says so."""
    window = rate_limit_window()
    return {"resources": {"core": window, "search": window, "graphql": window}, "rate": window}
