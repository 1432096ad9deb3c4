"""The run-history pages in a real headless Chromium: list, details with the timeline, retry."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from arq.connections import ArqRedis
from playwright.async_api import async_playwright

from config.settings import Settings
from pipeline.detection.verdict import Decision, IssueKind, Verdict
from pipeline.detection.window import TimeWindow
from pipeline.incidents.model import Alert, Incident, Target
from pipeline.incidents.states import State
from pipeline.incidents.store import IncidentStore
from pipeline.steps import Steps
from receiver.app import create_app
from receiver.local_server import serving
from tests.conftest import make_settings
from tests.support.worker import drain

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TOKEN = "browser-dashboard-token"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
    ),
]


@pytest.fixture
def settings(redis_url: str, tmp_path: Path, redis: ArqRedis) -> Settings:
    # No Railway token: the retried run fails again at its first step, which is what we look for.
    return make_settings(redis_url, tmp_path, AUTOFIX_DASHBOARD_TOKEN=TOKEN)


@pytest.fixture
async def failed(redis: ArqRedis) -> Incident:
    store = IncidentStore(redis, cooldown_seconds=0)
    verdict = Verdict(
        decision=Decision.CONFIRM,
        kind=IssueKind.MEMORY_LEAK,
        rule="memory_leak_trend",
        reason="memory grows 0.4 GB/h towards its 1 GB limit",
        window=TimeWindow(start=0, end=600),
    )
    made = await store.open_or_attach(
        Incident(
            target=Target(service_id="svc-1", service_name="shop-api"),
            kind="oom",
            signature="memory",
        ),
        Alert(source="railway", kind="deployment.oom_killed", key="k", at=datetime.now(UTC)),
    )
    assert made.incident is not None
    incident = made.incident
    for state in (State.CONFIRMING, State.CONFIRMED, State.INVESTIGATING):
        await store.transition(incident.id, state, evidence=verdict)
    steps = Steps(redis, incident.run_id, attempt=1, ttl_seconds=600)

    async def unreachable() -> None:
        raise RuntimeError("Railway answered 502")

    with pytest.raises(RuntimeError):
        await steps.run("target", unreachable, type(None))
    return await store.transition(
        incident.id, State.FAILED, reason="Railway answered 502", error="Railway answered 502"
    )


@pytest.fixture
async def base(settings: Settings) -> AsyncIterator[str]:
    async with serving(create_app(settings)) as url:
        yield url


async def test_list_detail_and_retry_in_a_browser(
    base: str, failed: Incident, settings: Settings, redis: ArqRedis
) -> None:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        context = await browser.new_context(http_credentials={"username": "ops", "password": TOKEN})
        page = await context.new_page()

        await page.goto(f"{base}/runs")
        assert await page.title() == "autofix runs"
        await page.click(f"text={failed.id}")
        await page.wait_for_url(f"**/runs/{failed.id}")
        timeline = page.locator("table.timeline")
        assert "target" in await timeline.inner_text()
        assert "Railway answered 502" in await page.locator("#incident-error").inner_text()
        assert "memory grows 0.4 GB/h" in await page.content()

        await page.click("#retry")
        await page.wait_for_url("**notice=retry-queued")
        assert "Retry queued" in await page.locator("#notice").inner_text()

        await drain(settings)  # the worker resumes the run: the failed step runs again
        await page.reload()
        row = page.locator("table.timeline tr", has_text="target")
        cells = await row.locator("td").all_inner_texts()
        assert cells[2] == "2", cells  # tried twice now
        assert "no Railway token" in cells[5]
        await browser.close()
