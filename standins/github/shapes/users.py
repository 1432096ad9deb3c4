"""Accounts as ``simple-user``, ``private-user`` and ``nullable-collaborator``."""

from __future__ import annotations

from typing import Any

from standins.github.records import ROLE_RANK, Role, UserRecord
from standins.github.shapes._format import node_id, stamp
from standins.github.urls import Urls

LEGACY_PERMISSION: dict[str, str] = {
    "admin": "admin",
    "maintain": "write",
    "write": "write",
    "triage": "read",
    "read": "read",
}


def simple_user(urls: Urls, user: UserRecord) -> dict[str, Any]:
    """The short form of an account embedded everywhere."""
    base = urls.user(user.login)
    return {
        "login": user.login,
        "id": user.id,
        "node_id": node_id("User", user.id),
        "avatar_url": urls.html(f"avatars/{user.login}"),
        "gravatar_id": "",
        "url": base,
        "html_url": urls.html(user.login),
        "followers_url": f"{base}/followers",
        "following_url": f"{base}/following{{/other_user}}",
        "gists_url": f"{base}/gists{{/gist_id}}",
        "starred_url": f"{base}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{base}/subscriptions",
        "organizations_url": f"{base}/orgs",
        "repos_url": f"{base}/repos",
        "events_url": f"{base}/events{{/privacy}}",
        "received_events_url": f"{base}/received_events",
        "type": user.type,
        "user_view_type": "public",
        "site_admin": False,
    }


def private_user(urls: Urls, user: UserRecord) -> dict[str, Any]:
    """The authenticated user as ``GET /user`` shows them."""
    created = stamp(user.created_at)
    return {
        **simple_user(urls, user),
        "user_view_type": "private",
        "name": user.name,
        "company": None,
        "blog": None,
        "location": None,
        "email": None,
        "notification_email": None,
        "hireable": None,
        "bio": None,
        "twitter_username": None,
        "public_repos": 0,
        "public_gists": 0,
        "followers": 0,
        "following": 0,
        "created_at": created,
        "updated_at": created,
        "private_gists": 0,
        "total_private_repos": 0,
        "owned_private_repos": 0,
        "disk_usage": 0,
        "collaborators": 0,
        "two_factor_authentication": True,
        "plan": {"collaborators": 0, "name": "free", "space": 976562499, "private_repos": 10000},
    }


def permission_flags(role: Role | None) -> dict[str, bool]:
    """The ``permissions`` booleans a role grants."""
    rank = ROLE_RANK[role] if role is not None else 0
    return {
        "admin": rank >= ROLE_RANK["admin"],
        "maintain": rank >= ROLE_RANK["maintain"],
        "push": rank >= ROLE_RANK["write"],
        "triage": rank >= ROLE_RANK["triage"],
        "pull": rank >= ROLE_RANK["read"],
    }


def collaborator_permission(urls: Urls, user: UserRecord, role: Role | None) -> dict[str, Any]:
    """``repository-collaborator-permission``: legacy level, role name and the user."""
    role_name = role if role is not None else "none"
    return {
        "permission": LEGACY_PERMISSION.get(role_name, "none"),
        "role_name": role_name,
        "user": {
            **simple_user(urls, user),
            "permissions": permission_flags(role),
            "role_name": role_name,
        },
    }
