"""The OpenCode server the settings ask for: the one at ``OPENCODE_URL``, or one we start."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from config.llm import LLMSettings
from config.opencode import OpenCodeSettings
from pipeline.errors import ConfigurationError
from pipeline.opencode.endpoint import OpenCodeEndpoint
from pipeline.opencode.key_proxy import KeyProxy
from pipeline.opencode.launch import plan_launch
from pipeline.opencode.server import OpenCodeServer


@asynccontextmanager
async def opencode_endpoint(
    opencode: OpenCodeSettings,
    llm: LLMSettings,
    data_dir: Path,
    environ: Mapping[str, str] | None = None,
) -> AsyncIterator[OpenCodeEndpoint]:
    """Yield a usable endpoint; a server started here lives under ``data_dir`` and stops on exit.

    An external server (``OPENCODE_URL``) is not supervised: its LLM and permissions are
    whatever it was started with.
    """
    if opencode.opencode_url:
        yield OpenCodeEndpoint(
            base_url=opencode.opencode_url,
            username=opencode.opencode_server_username,
            password=opencode.opencode_server_password,
        )
        return
    key = llm.llm_key()
    if key is None:
        raise ConfigurationError(
            "the agent needs an LLM key: set AUTOFIX_LLM_API_KEY or OPENAI_API_KEY"
        )
    # The server gets a proxy's URL and session token, never the key (see key_proxy).
    async with KeyProxy(llm.llm_base_url, key) as proxy:
        proxied = llm.model_copy(
            update={"llm_base_url": proxy.base_url, "llm_api_key": proxy.token}
        )
        async with OpenCodeServer(plan_launch(opencode, proxied, data_dir), environ) as endpoint:
            yield endpoint
