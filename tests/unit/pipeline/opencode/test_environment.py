"""The server's environment holds allowlisted variables only: no tokens, whatever the parent has."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from pipeline.opencode.environment import server_environment
from pipeline.opencode.home import ServerHome
from pipeline.opencode.launch import Launch

PARENT = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "HOME": "/root",
    "HTTPS_PROXY": "http://proxy:3128",
    "GITHUB_TOKEN": "ghp_parent",
    "GH_TOKEN": "gho_parent",
    "GITHUB_APP_PRIVATE_KEY": "-----BEGIN",
    "RAILWAY_API_TOKEN": "rw_parent",
    "RAILWAY_TOKEN": "rw_project",
    "REDIS_URL": "redis://:pw@redis:6379",
    "OPENAI_API_KEY": "sk-parent",
    "AWS_SECRET_ACCESS_KEY": "aws",
    "AUTOFIX_DASHBOARD_TOKEN": "dash",
    "XDG_CONFIG_HOME": "/root/.config",
    "OPENCODE_CONFIG": "/root/opencode.json",
}


def launch(tmp_path: Path, *, trust_repo_config: bool = False) -> Launch:
    return Launch(
        binary=tmp_path / "opencode",
        home=ServerHome(tmp_path / "oc"),
        config_json='{"model": "autofix/m"}',
        username="opencode",
        password=SecretStr("s3cret"),
        path_dirs=(tmp_path / "rg-bin",),
        trust_repo_config=trust_repo_config,
    )


def test_no_credential_of_the_parent_passes(tmp_path: Path) -> None:
    env = server_environment(PARENT, launch(tmp_path))
    leaked = [name for name, value in PARENT.items() if name in env and env[name] == value]
    assert sorted(leaked) == ["HTTPS_PROXY", "LANG"]
    values = " ".join(env.values())
    assert not any(secret in values for secret in ("ghp_", "gho_", "rw_", "sk-parent", "redis:"))


def test_home_config_and_switches(tmp_path: Path) -> None:
    env = server_environment(PARENT, launch(tmp_path))
    assert env["HOME"] == str(tmp_path / "oc" / "home")
    assert env["XDG_CONFIG_HOME"] == str(tmp_path / "oc" / "home" / ".config")
    assert env["TMPDIR"] == str(tmp_path / "oc" / "tmp")
    assert env["PATH"] == f"{tmp_path / 'rg-bin'}:/usr/bin:/bin"
    assert env["OPENCODE_CONFIG_CONTENT"] == '{"model": "autofix/m"}'
    assert env["OPENCODE_SERVER_PASSWORD"] == "s3cret"
    assert env["OPENCODE_DISABLE_MODELS_FETCH"] == "1"
    assert env["OPENCODE_DISABLE_PROJECT_CONFIG"] == "1"
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert "OPENCODE_CONFIG" not in env


def test_repository_config_can_be_trusted(tmp_path: Path) -> None:
    env = server_environment(PARENT, launch(tmp_path, trust_repo_config=True))
    assert "OPENCODE_DISABLE_PROJECT_CONFIG" not in env


def test_a_parent_without_path_gets_a_default(tmp_path: Path) -> None:
    env = server_environment({}, launch(tmp_path))
    assert env["PATH"].endswith(":/usr/local/bin:/usr/bin:/bin")
