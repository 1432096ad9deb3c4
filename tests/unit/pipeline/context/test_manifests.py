from __future__ import annotations

import pytest

from pipeline.context.manifests import Dependency, dependencies_in, pypi_name

PACKAGE_JSON = """{
  "name": "acme-web",
  "dependencies": {"stripe": "^14.0.0", "@sentry/node": "^8.0.0"},
  "optionalDependencies": {"ioredis": "^5"},
  "devDependencies": {"@octokit/rest": "^20"}
}"""
REQUIREMENTS = """# runtime
openai>=1.40  # llm
Discord.py[voice]==2.3.2 ; python_version >= "3.11"
sentry_sdk
-r base.txt
-e git+https://github.com/acme/lib.git#egg=acme-lib
--hash=sha256:abc
"""
PYPROJECT = """
[project]
name = "acme"
dependencies = ["anthropic>=0.30", "redis[hiredis]>=5"]
[project.optional-dependencies]
billing = ["stripe"]
[tool.poetry.dependencies]
python = "^3.11"
Twilio = "^9"
"""
GO_MOD = """module github.com/acme/app

go 1.22

require (
\tgithub.com/stripe/stripe-go/v76 v76.1.0
\tgithub.com/getsentry/sentry-go v0.27.0 // indirect
)

require github.com/slack-go/slack v0.12.0
replace github.com/old/thing => github.com/new/thing v1.0.0
"""
GEMFILE = """source "https://rubygems.org"
gem "rails", "~> 7.1"
gem 'stripe'
  gem "sentry-ruby", require: false
# gem "twilio-ruby"
"""
GEMFILE_LOCK = """GEM
  remote: https://rubygems.org/
  specs:
    octokit (8.1.0)
      faraday (>= 1, < 3)
    stripe (10.5.0)

PLATFORMS
  ruby
"""


def _names(deps: set[Dependency]) -> set[str]:
    return {f"{d.ecosystem}:{d.name}" for d in deps}


@pytest.mark.parametrize(
    ("filename", "text", "expected"),
    [
        ("package.json", PACKAGE_JSON, {"npm:stripe", "npm:@sentry/node", "npm:ioredis"}),
        (
            "requirements.txt",
            REQUIREMENTS,
            {"pypi:openai", "pypi:discord-py", "pypi:sentry-sdk"},
        ),
        ("requirements-prod.txt", "stripe==9.0", {"pypi:stripe"}),
        (
            "pyproject.toml",
            PYPROJECT,
            {"pypi:anthropic", "pypi:redis", "pypi:stripe", "pypi:twilio"},
        ),
        (
            "services/api/go.mod",
            GO_MOD,
            {
                "go:github.com/stripe/stripe-go",
                "go:github.com/getsentry/sentry-go",
                "go:github.com/slack-go/slack",
            },
        ),
        ("Gemfile", GEMFILE, {"rubygems:rails", "rubygems:stripe", "rubygems:sentry-ruby"}),
        ("Gemfile.lock", GEMFILE_LOCK, {"rubygems:octokit", "rubygems:stripe"}),
        ("README.md", "stripe", set()),
    ],
)
def test_dependencies_in_each_manifest(filename: str, text: str, expected: set[str]) -> None:
    assert _names(dependencies_in(filename, text)) == expected


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("package.json", "{not json"),
        ("package.json", "[]"),
        ("pyproject.toml", "[project\nname ="),
        ("package.json", '{"dependencies": null}'),
    ],
)
def test_broken_manifests_yield_nothing(filename: str, text: str) -> None:
    assert dependencies_in(filename, text) == set()


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("Discord.py", "discord-py"), ("sentry_sdk", "sentry-sdk"), ("PyGithub", "pygithub")],
)
def test_pypi_names_are_normalised(raw: str, normal: str) -> None:
    assert pypi_name(raw) == normal
