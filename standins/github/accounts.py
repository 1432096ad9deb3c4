"""Who may call the stand-in: users, their tokens, the GitHub App and its installations."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

import jwt

from standins.github.records import InstallationRecord, TokenRecord, UserRecord, UserType, now

INSTALLATION_TOKEN_LIFETIME = timedelta(hours=1)


class Accounts:
    """Users, tokens and the one GitHub App the stand-in knows."""

    def __init__(self, next_id: Callable[[], int]) -> None:
        self._next_id = next_id
        self.users: dict[str, UserRecord] = {}
        self.tokens: dict[str, TokenRecord] = {}
        self.installations: dict[int, InstallationRecord] = {}
        self.app_id: int | None = None
        self.app_slug = "autofix"
        self._app_public_key: str | None = None

    def add_user(self, login: str, user_type: UserType = "User") -> UserRecord:
        """Create ``login`` unless it exists; return it either way."""
        user = self.users.get(login.lower())
        if user is None:
            user = UserRecord(id=self._next_id(), login=login, type=user_type)
            self.users[login.lower()] = user
        return user

    def user(self, login: str) -> UserRecord | None:
        """The account called ``login`` (case-insensitive), if any."""
        return self.users.get(login.lower())

    def add_token(self, token: str, login: str) -> TokenRecord:
        """Accept ``token`` as ``login`` from now on."""
        self.add_user(login)
        record = TokenRecord(token=token, login=login)
        self.tokens[token] = record
        return record

    def identify(self, token: str) -> TokenRecord | None:
        """The credential ``token`` stands for, unless unknown or expired."""
        record = self.tokens.get(token)
        if record is None or (record.expires_at is not None and record.expires_at <= now()):
            return None
        return record

    def configure_app(self, app_id: int, public_key_pem: str, slug: str = "autofix") -> None:
        """Accept JWTs of App ``app_id`` signed with the private half of ``public_key_pem``."""
        self.app_id = app_id
        self.app_slug = slug
        self._app_public_key = public_key_pem
        self.add_user(f"{slug}[bot]", "Bot")

    def install(self, account: str, repos: list[str]) -> InstallationRecord:
        """Install the App on ``account`` for ``repos`` (full names)."""
        self.add_user(account)
        record = InstallationRecord(id=self._next_id(), account=account, repos=list(repos))
        self.installations[record.id] = record
        return record

    def installation_for(self, full_name: str) -> InstallationRecord | None:
        """The installation covering repository ``owner/name``, if any."""
        for installation in self.installations.values():
            if full_name.lower() in (r.lower() for r in installation.repos):
                return installation
        return None

    def app_jwt_valid(self, token: str) -> bool:
        """True for an RS256 JWT issued by the configured App and not yet expired."""
        if self._app_public_key is None or self.app_id is None:
            return False
        try:
            claims = jwt.decode(
                token,
                self._app_public_key,
                algorithms=["RS256"],
                options={"require": ["iat", "exp", "iss"]},
                leeway=timedelta(seconds=60),
            )
        except jwt.PyJWTError:
            return False
        return str(claims.get("iss")) == str(self.app_id)

    def mint_installation_token(self, installation_id: int) -> TokenRecord:
        """A fresh installation token, acting as the App's bot user, valid for an hour."""
        record = TokenRecord(
            token=f"ghs_{secrets.token_urlsafe(27)}",
            login=f"{self.app_slug}[bot]",
            installation_id=installation_id,
            expires_at=now() + INSTALLATION_TOKEN_LIFETIME,
        )
        self.tokens[record.token] = record
        return record
