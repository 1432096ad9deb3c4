"""The OpenCode server's environment, built from an allowlist.

The agent runs shell commands with this environment, and whatever it sees may end up in a
prompt. So nothing is inherited by default: no GitHub or Railway token, no Redis URL, no
webhook secret. Only locale, time zone, TLS and proxy settings pass through from autofix.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from pipeline.opencode.launch import Launch

PASSTHROUGH = frozenset(
    {
        "LANG",
        "LANGUAGE",
        "LC_ALL",
        "LC_CTYPE",
        "LC_MESSAGES",
        "TZ",
        "TERM",
        "USER",
        "LOGNAME",
        "SHELL",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "NODE_EXTRA_CA_CERTS",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "all_proxy",
    }
)

DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"

# Each stops a network call or a behaviour an unattended server must not have.
OPENCODE_SWITCHES = {
    "OPENCODE_DISABLE_MODELS_FETCH": "1",
    "OPENCODE_DISABLE_AUTOUPDATE": "1",
    "OPENCODE_DISABLE_DEFAULT_PLUGINS": "1",
    "OPENCODE_DISABLE_LSP_DOWNLOAD": "1",
    "OPENCODE_DISABLE_CLAUDE_CODE": "1",
    # A git command must fail rather than wait for a password nobody will type.
    "GIT_TERMINAL_PROMPT": "0",
}


def server_environment(parent: Mapping[str, str], launch: Launch) -> dict[str, str]:
    """The environment for ``launch``, taking only allowlisted variables from ``parent``."""
    env = {name: value for name, value in parent.items() if name in PASSTHROUGH}
    path = [str(p) for p in launch.path_dirs] + [parent.get("PATH") or DEFAULT_PATH]
    env["PATH"] = os.pathsep.join(path)
    env.update(launch.home.environment())
    env.update(OPENCODE_SWITCHES)
    if not launch.trust_repo_config:
        env["OPENCODE_DISABLE_PROJECT_CONFIG"] = "1"
    env["OPENCODE_CONFIG_CONTENT"] = launch.config_json
    env["OPENCODE_SERVER_USERNAME"] = launch.username
    env["OPENCODE_SERVER_PASSWORD"] = launch.password.get_secret_value()
    return env
