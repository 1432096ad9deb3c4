"""Where an OpenCode server answers and how to log in: started by autofix or given by URL."""

from __future__ import annotations

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr

from pipeline.opencode.client import OpenCodeClient


class OpenCodeEndpoint(BaseModel):
    """The base URL and basic-auth credentials of an OpenCode server."""

    model_config = ConfigDict(frozen=True)

    base_url: str
    username: str = "opencode"
    password: SecretStr | None = None

    def client(self, http: httpx.AsyncClient) -> OpenCodeClient:
        """A client of this server over ``http``."""
        return OpenCodeClient(http, self.base_url, username=self.username, password=self.password)
