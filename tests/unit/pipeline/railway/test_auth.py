from __future__ import annotations

import pytest
from pydantic import SecretStr

from config.railway import RailwaySettings
from pipeline.errors import ConfigurationError
from pipeline.railway.auth import RailwayCredentials, TokenKind


def settings(**values: str) -> RailwaySettings:
    return RailwaySettings.model_validate(values)


def test_account_token_is_sent_as_bearer() -> None:
    assert RailwayCredentials.account("acc").headers() == {"Authorization": "Bearer acc"}


def test_project_token_uses_its_own_header_not_bearer() -> None:
    assert RailwayCredentials.project("prj").headers() == {"Project-Access-Token": "prj"}


@pytest.mark.parametrize(
    ("values", "kind", "token"),
    [
        ({"RAILWAY_API_TOKEN": "acc"}, TokenKind.ACCOUNT, "acc"),
        ({"RAILWAY_TOKEN": "prj"}, TokenKind.PROJECT, "prj"),
    ],
)
def test_from_settings_picks_the_configured_token(
    values: dict[str, str], kind: TokenKind, token: str
) -> None:
    credentials = RailwayCredentials.from_settings(settings(**values))
    assert credentials.kind is kind
    assert credentials.token == SecretStr(token)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "no Railway token"),
        ({"RAILWAY_API_TOKEN": "acc", "RAILWAY_TOKEN": "prj"}, "only one"),
    ],
)
def test_from_settings_refuses_none_or_both(values: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        RailwayCredentials.from_settings(settings(**values))


def test_repr_never_shows_the_token() -> None:
    assert "sekrit" not in repr(RailwayCredentials.account("sekrit"))
