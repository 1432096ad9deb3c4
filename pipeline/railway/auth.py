"""Railway credentials, sent the way Railway's own CLI sends them.

An account or workspace token (``RAILWAY_API_TOKEN``) goes in ``Authorization: Bearer``; a
project token (``RAILWAY_TOKEN``) goes in ``Project-Access-Token`` and is refused as a Bearer.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, SecretStr

from config.railway import RailwaySettings
from pipeline.errors import ConfigurationError


class TokenKind(StrEnum):
    """Which kind of Railway token; it decides the header."""

    ACCOUNT = "account"
    PROJECT = "project"


class RailwayCredentials(BaseModel):
    """A Railway token and its kind; ``repr`` never shows the token."""

    model_config = ConfigDict(frozen=True)

    kind: TokenKind
    token: SecretStr

    @classmethod
    def account(cls, token: str) -> RailwayCredentials:
        """An account or workspace token (``RAILWAY_API_TOKEN``)."""
        return cls(kind=TokenKind.ACCOUNT, token=SecretStr(token))

    @classmethod
    def project(cls, token: str) -> RailwayCredentials:
        """A project token (``RAILWAY_TOKEN``)."""
        return cls(kind=TokenKind.PROJECT, token=SecretStr(token))

    @classmethod
    def from_settings(cls, settings: RailwaySettings) -> RailwayCredentials:
        """The one token configured; ``ConfigurationError`` if none or both are set."""
        api_token, project_token = settings.railway_api_token, settings.railway_token
        if api_token and project_token:
            # Railway's CLI refuses this too: the two tokens see different resources.
            raise ConfigurationError("set only one of RAILWAY_API_TOKEN and RAILWAY_TOKEN")
        if api_token:
            return cls(kind=TokenKind.ACCOUNT, token=api_token)
        if project_token:
            return cls(kind=TokenKind.PROJECT, token=project_token)
        raise ConfigurationError("no Railway token: set RAILWAY_API_TOKEN or RAILWAY_TOKEN")

    def headers(self) -> dict[str, str]:
        """The authentication header for this token."""
        secret = self.token.get_secret_value()
        if self.kind is TokenKind.PROJECT:
            return {"Project-Access-Token": secret}
        return {"Authorization": f"Bearer {secret}"}
