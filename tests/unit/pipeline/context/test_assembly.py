"""The pieces together: digests, upstream status and plain sections fitted into one budget."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from pydantic import BaseModel, SecretStr

from config.settings import load_settings
from pipeline.context.budget import fit
from pipeline.context.http_digest import digest_http
from pipeline.context.http_render import http_section
from pipeline.context.log_digest import digest_logs
from pipeline.context.log_render import log_section
from pipeline.context.secrets import SecretMasker, secrets_of
from pipeline.context.sections import PRIORITY_CRITICAL, PRIORITY_LOW, Section, text_section
from pipeline.context.tokens import estimate_tokens
from pipeline.statuspage.evidence import upstream_evidence, upstream_section
from pipeline.statuspage.models import Incident, ProviderStatus
from tests.unit.pipeline.context.sample_logs import incident_logs, incident_requests

RAILWAY_TOKEN = "5b0c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6"


class _Settings(BaseModel):
    railway_api_token: SecretStr | None
    github_webhook_secret: SecretStr | None
    port: int


def test_secrets_of_settings_are_the_set_secret_fields() -> None:
    settings = _Settings(
        railway_api_token=SecretStr(RAILWAY_TOKEN), github_webhook_secret=None, port=8000
    )
    assert secrets_of(settings) == [("railway_api_token", RAILWAY_TOKEN)]


def test_the_default_budget_comes_from_settings() -> None:
    assert load_settings({}, env_file=None).context_token_budget == 12_000
    env = {"AUTOFIX_CONTEXT_TOKEN_BUDGET": "8000"}
    assert load_settings(env, env_file=None).context_token_budget == 8_000


def _sections(leak: str) -> list[Section]:
    openai = ProviderStatus(
        provider_id="openai",
        name="OpenAI",
        indicator="major",
        incidents=(
            Incident(
                name="Elevated API errors",
                impact="major",
                status="investigating",
                started_at=datetime(2026, 3, 14, 9, 2, tzinfo=UTC),
            ),
        ),
    )
    return [
        text_section(
            "arch",
            "Architecture",
            "api (Python, FastAPI) -> postgres; worker -> redis",
            priority=PRIORITY_CRITICAL,
        ),
        text_section(
            "evidence", "Metric evidence", "5xx rate 0.2% -> 27% at 09:05; p95 40ms -> 27s"
        ),
        text_section(
            "deploys",
            "Deployments",
            f"09:00 deploy 7e3f1a2b (env DATABASE_URL=postgres://app:{leak}@db/prod)",
        ),
        log_section(digest_logs(incident_logs(), "deploy"), "Deployment logs"),
        http_section(digest_http(incident_requests())),
        upstream_section(upstream_evidence([openai]), [openai]),
        text_section("notes", "Notes", "unrelated chatter\n" * 400, priority=PRIORITY_LOW),
    ]


def test_whole_context_fits_the_default_budget_masked_and_sized() -> None:
    masker = SecretMasker([("railway_api_token", RAILWAY_TOKEN)])
    started = time.perf_counter()
    fitted = fit(_sections("hunter2hunter2"), 12_000, masker)
    elapsed = time.perf_counter() - started
    assert fitted.tokens <= 12_000
    assert fitted.tokens == estimate_tokens(fitted.text)
    assert "hunter2hunter2" not in fitted.text
    assert fitted.masked == {"password": 1}
    assert fitted.text.count("- ERROR") == 3
    assert "verdict: wait_it_out" in fitted.text
    assert elapsed < 5


def test_a_tight_budget_keeps_errors_and_drops_chatter_first() -> None:
    fitted = fit(_sections("pw"), 1_200, SecretMasker())
    assert fitted.tokens <= 1_200
    assert fitted.text.count("- ERROR") == 3
    assert "## Architecture" in fitted.text
    assert "notes" in fitted.dropped or "notes" in fitted.degraded
