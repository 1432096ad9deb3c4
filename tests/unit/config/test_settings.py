from __future__ import annotations

from pathlib import Path

import pytest

from cli.config_table import with_table
from config.settings import ConfigError, Settings, known_variables, load_settings


def test_defaults_need_no_environment() -> None:
    settings = load_settings({}, env_file=None)
    assert settings.port == 8000
    assert settings.redis_url is None
    assert settings.data_dir == Path(".autofix").resolve()


def test_every_problem_is_reported_at_once() -> None:
    environ = {
        "PORT": "eighty",
        "AUTOFIX_JOB_MAX_TRIES": "0",
        "AUTOFIX_LOG_LEVEL": "LOUD",
        "RAILWAY_TOKEN": "project-token",
        "RAILWAY_API_TOKEN": "account-token",
    }
    with pytest.raises(ConfigError) as caught:
        load_settings(environ, env_file=None)
    problems = caught.value.problems
    assert len(problems) == 4
    text = str(caught.value)
    for name in ("PORT", "AUTOFIX_JOB_MAX_TRIES", "AUTOFIX_LOG_LEVEL", "RAILWAY_TOKEN"):
        assert name in text


def test_secret_values_never_appear_in_problems() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            {"RAILWAY_TOKEN": "tok-123", "RAILWAY_API_TOKEN": "tok-456", "PORT": "x"}, None
        )
    assert "tok-123" not in str(caught.value)
    assert "tok-456" not in str(caught.value)


def test_names_are_case_insensitive_and_empty_means_unset() -> None:
    settings = load_settings({"port": "9000", "REDIS_URL": ""}, env_file=None)
    assert settings.port == 9000
    assert settings.redis_url is None


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=7000\nAUTOFIX_HOST=0.0.0.0\n")
    settings = load_settings({"PORT": "7100"}, env_file=env_file)
    assert settings.port == 7100
    assert settings.host == "0.0.0.0"


def test_secrets_are_hidden_in_repr() -> None:
    settings = load_settings({"GITHUB_WEBHOOK_SECRET": "hunter2"}, env_file=None)
    assert "hunter2" not in repr(settings)
    assert settings.github_webhook_secret is not None
    assert settings.github_webhook_secret.get_secret_value() == "hunter2"


def test_every_setting_has_an_environment_name_and_a_description() -> None:
    names = known_variables()
    assert len(names) == len(Settings.model_fields)
    for field_name, field in Settings.model_fields.items():
        assert field.description, f"{field_name} has no description for the README table"


def test_readme_table_is_current() -> None:
    readme = (Path(__file__).parents[3] / "README.md").read_text()
    assert with_table(readme) == readme, "README config table is stale: python -m cli.config_table"
    missing = [name for name in known_variables() if f"`{name}`" not in readme]
    assert not missing
