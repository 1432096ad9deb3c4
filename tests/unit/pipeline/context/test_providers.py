from __future__ import annotations

import pytest

from pipeline.context.providers import infer_providers, load_providers

REQUIRED = {
    "stripe",
    "twilio",
    "sendgrid",
    "github",
    "openai",
    "anthropic",
    "cloudflare",
    "datadog",
    "sentry",
    "auth0",
    "okta",
    "supabase",
    "mongodb-atlas",
    "redis-cloud",
    "algolia",
    "mailgun",
    "vercel",
    "shopify",
    "slack",
    "discord",
    "intercom",
    "linear",
    "notion",
    "jira",
    "bitbucket",
}


def test_the_table_covers_the_required_providers() -> None:
    assert {p.id for p in load_providers()} >= REQUIRED


def test_every_status_page_is_https_without_the_api_path() -> None:
    for provider in load_providers():
        if provider.statuspage is not None:
            assert provider.statuspage.startswith("https://")
            assert "/api/" not in provider.statuspage


@pytest.mark.parametrize(
    ("manifests", "expected"),
    [
        (
            {"package.json": '{"dependencies": {"stripe": "1", "@sentry/nextjs": "8"}}'},
            {"stripe", "sentry"},
        ),
        ({"requirements.txt": "openai\nanthropic\n"}, {"openai", "anthropic"}),
        ({"go.mod": "require github.com/DataDog/datadog-go/v5 v5.5.0\n"}, {"datadog"}),
        ({"Gemfile": "gem 'twilio-ruby'\n"}, {"twilio"}),
        ({"package.json": '{"dependencies": {"express": "4"}}'}, set()),
        ({}, set()),
    ],
)
def test_infer_providers(manifests: dict[str, str], expected: set[str]) -> None:
    found = infer_providers(manifests, load_providers())
    assert {m.provider.id for m in found} == expected


def test_matches_say_which_packages_gave_the_provider_away() -> None:
    manifests = {"package.json": '{"dependencies": {"stripe": "1"}}', "Gemfile": "gem 'stripe'"}
    (match,) = infer_providers(manifests, load_providers())
    assert match.evidence == ("npm:stripe", "rubygems:stripe")


def test_a_custom_table_can_be_given_as_text() -> None:
    table = (
        '{"providers": [{"id": "acme", "name": "Acme", "statuspage": null,'
        ' "packages": {"npm": ["acme-*"]}}]}'
    )
    (provider,) = load_providers(table)
    found = infer_providers({"package.json": '{"dependencies": {"acme-sdk": "1"}}'}, [provider])
    assert [m.provider.id for m in found] == ["acme"]
